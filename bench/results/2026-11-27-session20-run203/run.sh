#!/usr/bin/env bash
# Run 203 (session 20): the call waits for the colouring in its kernel (done counters), not by a stream event.
# CUDA suite (async, sync), selftest, AddColorNoise and Normalize at B = 1 and 2 beside [in call] twins (5 rounds), the
# same with synchronous calls colouring ahead (FASTAUG_AHEAD_SYNC=1, 3 rounds, host phases), then every case at B = 1
# and 128 (3 rounds: the README's table).
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,driver_version --format=csv > /tmp/logs/gpu.txt 2>&1
timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1; echo "tests rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests.log | head
FASTAUG_ASYNC=0 timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests-sync.log 2>&1; echo "tests sync rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests-sync.log | head
timeout 60 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1; echo "selftest rc=$?"; tail -1 /tmp/logs/selftest.log
FASTAUG_BENCH_IN_CALL_TWINS=1 timeout 120 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 200 --rounds 5 --batches 1,2 --filter AddColorNoise,Normalize --no-cpu --out /tmp/logs/twins > /tmp/logs/twins.log 2>&1; echo "twins rc=$?"; grep -E "^\| (AddColorNoise|Normalize)" /tmp/logs/twins.log
FASTAUG_AHEAD_SYNC=1 FASTAUG_HOST_PHASES=1 FASTAUG_BENCH_IN_CALL_TWINS=1 timeout 100 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 200 --rounds 3 --batches 1 --filter AddColorNoise --no-cpu --out /tmp/logs/sync > /tmp/logs/sync.log 2>&1; echo "sync rc=$?"; grep -E "^phases|^\| AddColorNoise" /tmp/logs/sync.log | tail -4
timeout 220 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1,128 --no-cpu --out /tmp/logs/bench > /tmp/logs/bench.log 2>&1; echo "bench rc=$?"
tar -czf $OUT/logs.tgz -C /tmp logs
