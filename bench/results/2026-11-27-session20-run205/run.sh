#!/usr/bin/env bash
# Run 205 (session 20): does the colouring ahead wait for multiprocessors to drain (different shared-memory
# configurations)? AddColorNoise B = 1 beside its [in call] twin, 5 rounds, with the carveout unset, 100 and 50.
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
for c in -1 100 50 -1; do
FASTAUG_AHEAD_CARVEOUT=$c FASTAUG_BENCH_IN_CALL_TWINS=1 timeout 100 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 200 --rounds 5 --batches 1 --filter AddColorNoise,Normalize --no-cpu --out /tmp/logs/c$c > /tmp/logs/carveout$c.log 2>&1; echo "carveout $c rc=$?"; grep -E "^\| (AddColorNoise|Normalize)" /tmp/logs/carveout$c.log
done
FASTAUG_AHEAD_CARVEOUT=100 FASTAUG_AHEAD_SYNC=1 FASTAUG_BENCH_IN_CALL_TWINS=1 timeout 100 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 200 --rounds 3 --batches 1 --filter AddColorNoise --no-cpu --out /tmp/logs/sync > /tmp/logs/sync.log 2>&1; echo "sync rc=$?"; grep -E "^\| AddColorNoise" /tmp/logs/sync.log
tar -czf $OUT/logs.tgz -C /tmp logs
