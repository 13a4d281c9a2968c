#!/usr/bin/env bash
# The digicert.one.facts role: the whole tenant on localhost, and one account per host of the digicert.one.dc1
# inventory (forks gather in parallel; each host must hold its own account, whatever the core's fact cache does).
set -eux

sim=../setup_dc1_sim/files/dc1_sim_service.py
dir="${OUTPUT_DIR}/dc1sim-facts"
python "$sim" start --dir "$dir" --options '{"seed": 2, "now": "2026-06-15", "accounts": 3, "users": 12}'
trap 'python "$sim" stop --dir "$dir"' EXIT
. "$dir/env"

ansible-playbook localhost.yml -e "facts_dest=${OUTPUT_DIR}/facts.json"
ansible-playbook localhost.yml --check -e "facts_dest=${OUTPUT_DIR}/check-mode-facts.json"
test ! -e "${OUTPUT_DIR}/check-mode-facts.json"
ansible-playbook -i tenant.dc1.yml account_hosts.yml --forks 4
