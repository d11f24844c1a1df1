#!/bin/bash
set -u
S=/tmp/s2; mkdir -p $S && tar -xzf .gpu-host-b1/gpusweep.tgz -C $S && cd $S
lscpu | grep -E "Model name"
echo "== CUDA tests (default: direct table copy)"
timeout 30 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" 2>&1 | tail -2
echo "== selftest"
timeout 30 ./fastaug selftest --backend cuda --noise noise-44k.wav > $OUT/selftest.log 2>&1; echo "rc=$?"; tail -n 22 $OUT/selftest.log
B="./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --no-cpu"
for v in new old; do
  case $v in new) E="";; old) E="FASTAUG_RAW_COPY=0";; esac
  mkdir -p $OUT/$v; env $E timeout 85 $B --rounds 3 --batches 1,128 --out $OUT/$v > $OUT/$v/bench.log 2>&1; echo "== $v rc=$?"
  grep -E "^\| [A-Z]" $OUT/$v/bench.log | grep "| 1 |" | cut -d'|' -f2-6
done
echo "== probe + phases"
FASTAUG_HOST_PROBE=1 FASTAUG_HOST_PHASES=1 timeout 45 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --no-cpu --batches 1 --reps 200 > $OUT/probe.log 2>&1; echo "rc=$?"
grep -E "^  |phases" $OUT/probe.log | cut -c1-330
F="Gain,Normalize,AddColorNoise,AddBackgroundNoise,LowPassFilter"
for v in subnew stream1; do
  case $v in subnew) E="";; stream1) E="FASTAUG_CUDA_STREAM=1";; stream2) E="FASTAUG_CUDA_STREAM=2";; esac
  mkdir -p $OUT/$v; env $E timeout 20 $B --rounds 2 --batches 1 --filter $F --out $OUT/$v > $OUT/$v/bench.log 2>&1; echo "== $v rc=$?"
  grep -E "^\| [A-Z]" $OUT/$v/bench.log | cut -d'|' -f2-6
done
