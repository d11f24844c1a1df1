#!/usr/bin/env bash
# The batch-1 kernel timings of session 9 (runs 104-111, 114): ncu's device time of 80 launches after 40, median, for
# one benchmark case; run inside the extracted bundle (bench/gpu-sweep-bundle.sh) on the H100 machine.
#   bash ncu-b1.sh LowPassFilter                      # the default (warm-up windows where the settling fits)
#   FASTAUG_IIR_WARMUP=0 bash ncu-b1.sh LowPassFilter # look-back everywhere
set -u
NCU=${NCU:-/usr/local/cuda/bin/ncu}
$NCU --metrics gpu__time_duration.sum --csv --launch-skip 40 --launch-count 80 \
  ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 40 --rounds 1 --no-cpu --filter "$1" --batches 1 > /tmp/ncu.csv 2> /dev/null
grep gpu__time_duration /tmp/ncu.csv | awk -F'","' '{print $5 " " $(NF)}' | tr -d '",' | sort -k2 -n |
  awk '{a[NR]=$2; k[$1]=1} END {s=""; for (x in k) s=s x " "; print "n", NR, "median ns", a[int((NR+1)/2)], "min", a[1], "max", a[NR], s}'
