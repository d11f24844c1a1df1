#!/usr/bin/env bash
# Run 199 (session 20): where a synchronous AddColorNoise call at B = 1 spends its host time with its noise coloured
# ahead (run 198: 23.1 us a call against 17.5 in the call): host phases beside [in call] twins, 3 rounds.
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
FASTAUG_HOST_PHASES=1 FASTAUG_BENCH_IN_CALL_TWINS=1 timeout 100 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 200 --rounds 3 --batches 1 --filter AddColorNoise,Normalize --no-cpu --out /tmp/logs/phases > /tmp/logs/phases.log 2>&1; echo "phases rc=$?"; grep -E "^phases|^\| (AddColorNoise|Normalize)" /tmp/logs/phases.log | tail -12
tar -czf $OUT/logs.tgz -C /tmp logs
