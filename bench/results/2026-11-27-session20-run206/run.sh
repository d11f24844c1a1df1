#!/usr/bin/env bash
# Run 206 (session 20): the final main (carveout 100 by default). CUDA suite (async, sync), selftest, every case at
# B = 1 and 128 (3 rounds: the README's table), AddColorNoise and Normalize at B = 1 beside [in call] twins (5
# rounds) with the default carveout and with the driver's (FASTAUG_AHEAD_CARVEOUT=-1), and with synchronous calls
# colouring ahead (FASTAUG_AHEAD_SYNC=1).
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,driver_version --format=csv > /tmp/logs/gpu.txt 2>&1
timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1; echo "tests rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests.log | head
FASTAUG_ASYNC=0 timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests-sync.log 2>&1; echo "tests sync rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests-sync.log | head
timeout 60 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1; echo "selftest rc=$?"; tail -1 /tmp/logs/selftest.log
timeout 220 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1,128 --no-cpu --out /tmp/logs/bench > /tmp/logs/bench.log 2>&1; echo "bench rc=$?"; grep -E "^\| " /tmp/logs/bench.log | awk -F'|' '$3+0==1' | cut -c1-90
for c in 100 -1; do
FASTAUG_AHEAD_CARVEOUT=$c FASTAUG_BENCH_IN_CALL_TWINS=1 timeout 100 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 200 --rounds 5 --batches 1 --filter AddColorNoise,Normalize --no-cpu --out /tmp/logs/twins$c > /tmp/logs/twins$c.log 2>&1; echo "twins carveout $c rc=$?"; grep -E "^\| (AddColorNoise|Normalize)" /tmp/logs/twins$c.log
done
FASTAUG_AHEAD_SYNC=1 FASTAUG_BENCH_IN_CALL_TWINS=1 timeout 100 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 200 --rounds 3 --batches 1 --filter AddColorNoise --no-cpu --out /tmp/logs/sync > /tmp/logs/sync.log 2>&1; echo "sync rc=$?"; grep -E "^\| AddColorNoise" /tmp/logs/sync.log
tar -czf $OUT/logs.tgz -C /tmp logs
