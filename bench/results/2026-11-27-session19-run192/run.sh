#!/usr/bin/env bash
# Runs 192 and 193 (session 19): CUDA suite (asynchronous and FASTAUG_ASYNC=0), selftest, B = 1 and 128 of every case beside its
# [unplanned] twin (3 rounds).
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,driver_version --format=csv > /tmp/logs/gpu.txt 2>&1
timeout 100 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1
FASTAUG_ASYNC=0 timeout 100 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests-sync.log 2>&1
timeout 60 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1
FASTAUG_BENCH_UNPLANNED_TWINS=1 timeout 330 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1,128 --no-cpu --out /tmp/logs/bench > /tmp/logs/bench.log 2>&1
tar -czf $OUT/logs.tgz -C /tmp logs
