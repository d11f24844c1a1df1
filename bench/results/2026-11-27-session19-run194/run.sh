#!/usr/bin/env bash
# Run 194 (session 19): the final main. CUDA suite, selftest, B = 1 and 128 of every case (3 rounds: the README's
# table), then B = 1 beside [unplanned] twins (3 rounds).
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,driver_version --format=csv > /tmp/logs/gpu.txt 2>&1
timeout 100 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1; echo "tests rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests.log | head
timeout 60 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1; echo "selftest rc=$?"; tail -1 /tmp/logs/selftest.log
timeout 200 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1,128 --no-cpu --out /tmp/logs/bench > /tmp/logs/bench.log 2>&1; echo "bench rc=$?"
FASTAUG_BENCH_UNPLANNED_TWINS=1 timeout 150 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1 --no-cpu --out /tmp/logs/twins > /tmp/logs/twins.log 2>&1; echo "twins rc=$?"
tar -czf $OUT/logs.tgz -C /tmp logs
