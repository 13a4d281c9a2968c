#!/usr/bin/env bash
# The digicert.one.dc1 inventory plugin: ansible-inventory and a play over its account hosts, against the
# simulator (started with setup_dc1_sim's helper, stopped on exit).
set -eux

sim=../setup_dc1_sim/files/dc1_sim_service.py
dir="${OUTPUT_DIR}/dc1sim-inventory"
python "$sim" start --dir "$dir" --options '{"seed": 1, "now": "2026-06-15", "accounts": 3, "users": 10}'
trap 'python "$sim" stop --dir "$dir"' EXIT
. "$dir/env"

export ANSIBLE_INVENTORY_UNPARSED_FAILED=1 ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=1
ansible-inventory -i tenant.dc1.yml --list --output "${OUTPUT_DIR}/inventory.json"
ansible-playbook -i tenant.dc1.yml verify.yml per_account.yml --forks 4 -e "inventory_json=${OUTPUT_DIR}/inventory.json"
ansible-playbook cache.yml -e "cache_dir=${OUTPUT_DIR}/inventory-cache"
