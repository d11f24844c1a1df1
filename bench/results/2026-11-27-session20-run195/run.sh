#!/usr/bin/env bash
# Run 195 (session 20): main at 96379c0 (session 19's stop): CUDA suite (async and FASTAUG_ASYNC=0) and selftest.
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1; echo "tests rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests.log | head
FASTAUG_ASYNC=0 timeout 120 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests-sync.log 2>&1; echo "tests sync rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests-sync.log | head
timeout 120 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1; echo "selftest rc=$?"; tail -4 /tmp/logs/selftest.log
tar -czf $OUT/logs.tgz -C /tmp logs
