#!/usr/bin/env bash
# The reporting job, run by cron (examples/crontab) or a systemd timer (examples/systemd/):
# what the original framework's dispatcher did for an asset, as one pipeline. The profile
# decides whether it reports as a producer or a consumer (BOND_PROFILE=consumer).
#
#   1. send what an outage left in the spool, oldest first;
#   2. read the meter (a failure becomes a meter_down line, so the outage is logged and told
#      to the chain), log the raw reading, sign the registry's saveSmartMeterRead from it
#      (the nonce file keeps signing going while the node is down), and send it, spooling it
#      when the node cannot be reached.
#
# Everything device-specific is in the config profile (examples/config.yaml): the logger's
# URL and password file, the log directory, the registry, asset, key, state and nonce files,
# the node. Runs never overlap: a run that finds the previous one still going skips.
#
# Environment (all optional): BOND (the bond binary; default the one on PATH, else
# /usr/local/bin/bond), BOND_CONFIG (default /etc/bond/config.yaml), BOND_PROFILE (default
# producer), BOND_METER (the read-meter driver, default eumel; sunspec for an inverter or meter
# on Modbus, with the profile's read-meter.sunspec section), BOND_STATE_DIR (default /var/lib/bond: the lock and the spool), BOND_LOG_COMMAND
# (a shell command that diagnostics are piped to, default `logger -t bond-PROFILE`, i.e.
# syslog; `cat >&2` keeps them on stderr).
set -euo pipefail
bond=${BOND:-$(command -v bond || echo /usr/local/bin/bond)}
export BOND_CONFIG=${BOND_CONFIG:-/etc/bond/config.yaml}
profile=${BOND_PROFILE:-producer}
meter=${BOND_METER:-eumel}
state=${BOND_STATE_DIR:-/var/lib/bond}
log_command=${BOND_LOG_COMMAND:-logger -t bond-$profile}
mkdir -p "$state"

# One run at a time: the next cron run skips while this one holds the lock.
exec 9>"$state/$profile.lock"
if ! flock -n 9; then
    echo "bond $profile job: the previous run is still going; skipping this one" | sh -c "$log_command"
    exit 0
fi
exec 2> >(sh -c "$log_command")

# 1. What an outage left behind goes first, in nonce order (nothing to do when it is empty).
if [[ -d $state/$profile-spool ]]; then
    "$bond" send-tx --profile "$profile" --flush "$state/$profile-spool" --wait > /dev/null || true
fi

# 2. This run's reading: read, log, sign, send (or spool).
"$bond" read-meter "$meter" --profile "$profile" --emit-failure \
    | "$bond" chain-log append --profile "$profile" \
    | "$bond" sign-tx --profile "$profile" \
    | "$bond" send-tx --profile "$profile" --spool "$state/$profile-spool" --wait
