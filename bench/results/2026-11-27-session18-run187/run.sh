#!/usr/bin/env bash
# Run 187 (session 18): branch handover-exp. ncu at B = 1 of the windowed IIR kernels by hand-over mode
# (FASTAUG_HANDOVER 0 early poll / 1 poll at the store / 2 no wait, timing only / 3 zero phase polls after its forward pass).
set -u
mkdir -p /tmp/s /tmp/logs && tar -xzf .gpu/gpusweep.tgz -C /tmp/s && cd /tmp/s
NCU=/usr/local/cuda/bin/ncu
ncu1() { # name, filter, env...
  local name=$1; local filter=$2; shift 2
  env "$@" timeout 120 $NCU --metrics gpu__time_duration.sum --csv --launch-skip 40 --launch-count 80 \
    ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 40 --rounds 1 --no-cpu --filter "$filter" --batches 1 > /tmp/logs/ncu-$name.csv 2> /dev/null
  echo -n "ncu $name: "
  grep gpu__time_duration /tmp/logs/ncu-$name.csv | awk -F'","' '{print $(NF)}' | tr -d '",' | sort -n | awk '{a[NR]=$1} END {print "n", NR, "median ns", a[int((NR+1)/2)], "min", a[1], "max", a[NR]}'
}
for i in 1 2; do
  for m in 0 1 2 3; do ncu1 zp-m$m-$i "LowPassFilter zero" FASTAUG_HANDOVER=$m; done
  for m in 0 1 2; do ncu1 hp-m$m-$i "HighPassFilter" FASTAUG_HANDOVER=$m; ncu1 bs-m$m-$i "BandStopFilter" FASTAUG_HANDOVER=$m; done
done
for i in 1; do
  for m in 0 3 1; do
    FASTAUG_HANDOVER=$m timeout 60 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --rounds 3 --batches 1 --no-cpu --filter "LowPassFilter zero,HighPassFilter,BandStopFilter,Gain" --out /tmp/logs/b-$m-$i > /tmp/logs/bench-m$m-$i.log 2>&1
    echo "events mode=$m #$i: $(grep -E '^\| (LowPassFilter zero|HighPassFilter|BandStopFilter|Gain) ' /tmp/logs/bench-m$m-$i.log | awk -F'|' '{printf "%s %s / ", $2, $7}')"
  done
done
for m in 1 3; do
  FASTAUG_HANDOVER=$m timeout 150 ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" -class "*Filter*" > /tmp/logs/tests-m$m.log 2>&1; echo "filter tests mode $m rc=$?"; grep -E "Total:|\[FAIL\]" /tmp/logs/tests-m$m.log | head -5
done
tar -czf $OUT/logs.tgz -C /tmp logs
