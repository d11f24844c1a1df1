#!/usr/bin/env bash
# Run 185 (session 17): CUDA suite both ways, selftest, ncu of AddColorNoise's kernel at B = 1 (new design / old design
# twin / host design), events of AddColorNoise in alternating processes.
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,driver_version --format=csv > /tmp/logs/gpu.txt 2>&1
timeout 200 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests.log 2>&1; echo "tests rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests.log | head
FASTAUG_ASYNC=0 timeout 200 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" > /tmp/logs/tests-sync.log 2>&1; echo "tests sync rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests-sync.log | head
FASTAUG_COLOR_EO=0 timeout 100 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" -method "*ColorNoise*" > /tmp/logs/tests-old.log 2>&1; echo "tests old rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests-old.log | head
timeout 60 ./fastaug selftest --backend cuda --noise noise-44k.wav > /tmp/logs/selftest.log 2>&1; echo "selftest rc=$?"; tail -1 /tmp/logs/selftest.log
NCU=/usr/local/cuda/bin/ncu
ncu1() { # name, env...
  local name=$1; shift
  env "$@" timeout 120 $NCU --metrics gpu__time_duration.sum --csv --launch-skip 40 --launch-count 80 \
    ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 40 --rounds 1 --no-cpu --filter AddColorNoise --batches 1 > /tmp/logs/ncu-$name.csv 2> /dev/null
  echo -n "ncu $name: "
  grep gpu__time_duration /tmp/logs/ncu-$name.csv | awk -F'","' '{print $(NF)}' | tr -d '",' | sort -n | awk '{a[NR]=$1} END {print "n", NR, "median ns", a[int((NR+1)/2)], "min", a[1], "max", a[NR]}'
}
for i in 1 2; do
  ncu1 new$i FASTAUG_COLOR_EO=1
  ncu1 old$i FASTAUG_COLOR_EO=0
  ncu1 host$i FASTAUG_COLOR_GROUP_DESIGN=0
done
for i in 1 2 3; do
  for v in 1 0; do
    FASTAUG_COLOR_EO=$v timeout 60 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1 --no-cpu --filter "AddColorNoise,AddGaussianSNR,Gain" --out /tmp/logs/b-$v-$i > /tmp/logs/bench-eo$v-$i.log 2>&1
    echo "events eo=$v #$i: $(grep -E '^\| (AddColorNoise|AddGaussianSNR|Gain) ' /tmp/logs/bench-eo$v-$i.log | awk -F'|' '{printf "%s %s / ", $2, $7}')"
  done
done
tar -czf $OUT/logs.tgz -C /tmp logs
