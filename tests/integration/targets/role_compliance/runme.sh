#!/usr/bin/env bash
# The digicert.one.compliance role: on localhost over the whole tenant, and over the account hosts of the
# digicert.one.dc1 inventory (one set of reports for every host); a failed gate is exit code 2, after the reports.
set -eux

sim=../setup_dc1_sim/files/dc1_sim_service.py
dir="${OUTPUT_DIR}/dc1sim-compliance"
python "$sim" start --dir "$dir" --options '{"seed": 3, "now": "2026-06-15", "accounts": 2, "users": 10}'
trap 'python "$sim" stop --dir "$dir"' EXIT
. "$dir/env"

ansible-playbook localhost.yml -e "report_dir=${OUTPUT_DIR}/localhost-reports"

set +e
ansible-playbook -i tenant.dc1.yml account_hosts.yml --forks 4 -e "report_dir=${OUTPUT_DIR}/account-reports" \
    -e dc1_compliance_fail_on=high > "${OUTPUT_DIR}/gated.log" 2>&1
rc=$?
set -e
cat "${OUTPUT_DIR}/gated.log"
test "$rc" -eq 2
grep -q "compliance gate fail_on=high" "${OUTPUT_DIR}/gated.log"
ansible-playbook verify_account_reports.yml -e "report=${OUTPUT_DIR}/account-reports/compliance.json"
