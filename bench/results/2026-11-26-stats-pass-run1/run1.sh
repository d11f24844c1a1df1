#!/usr/bin/env bash
# stats-pass run 1: variants of the statistics transforms timed in one bundle.
set -u
D=$(pwd)/.gpu-stats-pass
mkdir -p /tmp/s && tar -xzf $D/gpusweep.tgz -C /tmp/s && cd /tmp/s
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem --format=csv,noheader
./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" 2>&1 | tail -4
FASTAUG_PRINT_CONFIG=1 ./fastaug selftest --backend cuda --noise noise-44k.wav 2>&1 | tail -3
ALL=Normalize,AddBackgroundNoise,AddGaussianSNR,AddGaussianNoise,Gain,Compose
STATS=Normalize,AddBackgroundNoise,AddGaussianSNR
b() { name=$1; filter=$2; shift 2; echo "== $name $*"; env "$@" FASTAUG_PRINT_CONFIG=1 ./fastaug bench --clip clip-44k.wav --noise noise-44k.wav --reps 100 --no-cpu --filter $filter --out $OUT/$name > $OUT/$name.log 2>&1; grep -E "fused:|^GPU:|^\| (Normalize|AddBack|AddGaussian|Gain|Compose)" $OUT/$name.log | cut -c1-110; }
# v0: main's kernels (per-sample noise index, no prefetch, always two passes); host changes in
b v0-main-kernels $ALL FASTAUG_FUSED_VARIANT=1 FASTAUG_SINGLE_PASS_BLOCKS=0
# v1: noise index carried across lanes
b v1-index $STATS FASTAUG_FUSED_VARIANT=0 FASTAUG_SINGLE_PASS_BLOCKS=0
# v2: + prefetch of the next chunk in reading passes; + single pass for batches in one wave (default)
b v2-default $ALL
# v3: v2 with single pass at every size
b v3-single-all $STATS FASTAUG_SINGLE_PASS_BLOCKS=1000000
# v4: v2, statistics passes spread over 1 / 4 waves
b v4-waves1 $STATS FASTAUG_STATISTICS_WAVES=1 FASTAUG_SINGLE_PASS_BLOCKS=0
b v5-waves4 $STATS FASTAUG_STATISTICS_WAVES=4 FASTAUG_SINGLE_PASS_BLOCKS=0
# v6: only the statistics-only pass (split of the kernel time; results wrong)
b v6-only-stats $STATS FASTAUG_ONLY_STATISTICS=1 FASTAUG_SINGLE_PASS_BLOCKS=0
