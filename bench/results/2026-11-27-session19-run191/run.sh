#!/usr/bin/env bash
# Run 191 (session 19): calls planned ahead. CUDA suite, selftest, B = 1 events of every case beside its [unplanned]
# twin (planning ahead off) in the same process (3 rounds), host phases of a few cases.
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,driver_version --format=csv > /tmp/logs/gpu.txt 2>&1
timeout 200 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1; echo "tests rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests.log | head
timeout 60 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1; echo "selftest rc=$?"; tail -1 /tmp/logs/selftest.log
FASTAUG_BENCH_UNPLANNED_TWINS=1 timeout 280 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1 --no-cpu --out /tmp/logs/b1 > /tmp/logs/bench-b1.log 2>&1; echo "bench rc=$?"
grep -E "^\| " /tmp/logs/bench-b1.log | awk -F'|' '{printf "%s|%s|%s|%s\n", $2, $4, $7, $8}' | head -45
grep -E "^planned ahead" /tmp/logs/bench-b1.log | head -40 | cut -c1-120
tar -czf $OUT/logs.tgz -C /tmp logs
