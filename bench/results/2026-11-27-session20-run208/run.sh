#!/usr/bin/env bash
# Run 208 (session 20): the review commit (the single passes' arrival counter in one helper, DeviceWait's pause shared).
# CUDA suite (async, sync), selftest, AddColorNoise and Normalize at B = 1 beside [in call] twins (3 rounds).
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1; echo "tests rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests.log | head
FASTAUG_ASYNC=0 timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests-sync.log 2>&1; echo "tests sync rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests-sync.log | head
timeout 60 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1; echo "selftest rc=$?"; tail -1 /tmp/logs/selftest.log
FASTAUG_BENCH_IN_CALL_TWINS=1 timeout 100 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 200 --rounds 3 --batches 1 --filter AddColorNoise,Normalize --no-cpu --out /tmp/logs/twins > /tmp/logs/twins.log 2>&1; echo "twins rc=$?"; grep -E "^\| (AddColorNoise|Normalize)" /tmp/logs/twins.log
tar -czf $OUT/logs.tgz -C /tmp logs
