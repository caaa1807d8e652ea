#!/usr/bin/env bash
# The WattTime job (examples/crontab): keeps the grid's marginal CO2 rate that the producer
# job's sign-tx reads with --carbon, replaced whole so a reader never sees half a line. The
# login token is cached between runs (logins are rate-limited). A failed read keeps the last
# good file; sign-tx reports the CO2 service down once it is older than --carbon-max-age.
#
# Environment (all optional): BOND, BOND_CONFIG, BOND_PROFILE (default producer),
# BOND_STATE_DIR (default /var/lib/bond), BOND_LOG_COMMAND (default `logger -t bond-carbon`).
set -euo pipefail
bond=${BOND:-$(command -v bond || echo /usr/local/bin/bond)}
export BOND_CONFIG=${BOND_CONFIG:-/etc/bond/config.yaml}
profile=${BOND_PROFILE:-producer}
state=${BOND_STATE_DIR:-/var/lib/bond}
log_command=${BOND_LOG_COMMAND:-logger -t bond-carbon}
mkdir -p "$state"
exec 2> >(sh -c "$log_command")
"$bond" read-meter watttime --profile "$profile" --signal moer --token-cache "$state/watttime.token" > "$state/carbon.json.new"
mv "$state/carbon.json.new" "$state/carbon.json"
