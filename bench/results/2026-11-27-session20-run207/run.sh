#!/usr/bin/env bash
# Run 207 (session 20): polls skipped after a failed one (FASTAUG_POLL_BACKOFF=8) against polling every call (0), B = 1,
# in two processes; then the CUDA suite (async, sync), selftest and every case at B = 1 and 128 (3 rounds).
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,driver_version --format=csv > /tmp/logs/gpu.txt 2>&1
for b in 8 0; do
FASTAUG_POLL_BACKOFF=$b timeout 100 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1 --filter Gain,Clip,Compose,Normalize,AddColorNoise,LowPassFilter,BandPassFilter --no-cpu --out /tmp/logs/poll$b > /tmp/logs/poll$b.log 2>&1; echo "backoff $b rc=$?"; grep -E "^\| " /tmp/logs/poll$b.log | awk -F'|' '$3+0==1' | cut -c1-90
done
timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1; echo "tests rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests.log | head
FASTAUG_ASYNC=0 timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests-sync.log 2>&1; echo "tests sync rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests-sync.log | head
timeout 60 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1; echo "selftest rc=$?"; tail -1 /tmp/logs/selftest.log
timeout 220 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1,128 --no-cpu --out /tmp/logs/bench > /tmp/logs/bench.log 2>&1; echo "bench rc=$?"; grep -E "^\| " /tmp/logs/bench.log | awk -F'|' '$3+0==1' | cut -c1-90
tar -czf $OUT/logs.tgz -C /tmp logs
