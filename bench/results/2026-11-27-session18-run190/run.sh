#!/usr/bin/env bash
# Run 190 (session 18): the final main (vector walk reverted). CUDA suite (asynchronous and FASTAUG_ASYNC=0), selftest, host phases of
# batch-1 filter calls (the vector walk), B = 1 events of every case (5 rounds).
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,driver_version --format=csv > /tmp/logs/gpu.txt 2>&1
timeout 200 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1; echo "tests rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests.log | head
#FASTAUG_ASYNC=0 timeout 200 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests-sync.log 2>&1; echo "tests sync rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests-sync.log | head
timeout 60 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1; echo "selftest rc=$?"; tail -1 /tmp/logs/selftest.log
FASTAUG_HOST_PHASES=1 timeout 90 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 200 --rounds 1 --batches 1 --no-cpu --filter "Gain,HighPassFilter,BandPassFilter,BandStopFilter,LowPassFilter zero" --out /tmp/logs/phases > /tmp/logs/phases.log 2>&1; echo "phases rc=$?"
grep -E "^phases" /tmp/logs/phases.log | sed 's/ (.*calls)//' | grep -oE "^phases [^:]*|filter designs [0-9.]*|sum [0-9.]*" | paste -sd' ' | sed 's/phases /\n/g'
timeout 240 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 5 --batches 1 --no-cpu --out /tmp/logs/b1 > /tmp/logs/bench-b1.log 2>&1; echo "bench rc=$?"
grep -E "^\| " /tmp/logs/bench-b1.log | awk -F'|' '{printf "%s|%s|%s\n", $2, $5, $7}' | head -30
tar -czf $OUT/logs.tgz -C /tmp logs
