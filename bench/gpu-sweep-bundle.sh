#!/usr/bin/env bash
# Packs the GPU test suite and the GPU benchmark into ONE self-contained linux-x64 folder (they share the
# runtime), with the benchmark clip, as .gpu/gpusweep.tgz: one bundle per device call (64 MiB limit).
#   bench/gpu-sweep-bundle.sh            then copy .gpu/gpusweep.tgz to the checkout the device tool sends.
# On the GPU machine:
#   mkdir -p .gpu/s && tar -xzf .gpu/gpusweep.tgz -C .gpu/s && cd .gpu/s &&
#   ./FastAudiomentations.Gpu.Tests -trait "Backend=Cuda" && ./FastAudiomentations.Gpu.Bench selftest &&
#   ./FastAudiomentations.Gpu.Bench bench --clip clip-44k.wav --out "$OUT"
set -euo pipefail
root="$(git rev-parse --show-toplevel)"
cd "$root"
out=.gpu/gpusweep
rm -rf "$out" .gpu/gpusweep.tgz
mkdir -p "$out"
projects=(tests/FastAudiomentations.Gpu.Tests/FastAudiomentations.Gpu.Tests.csproj bench/FastAudiomentations.Gpu.Bench/FastAudiomentations.Gpu.Bench.csproj)
# WITH_CLI=1 adds `fastaug` (bench, selftest) to the same folder: it shares the runtime, so it costs little.
if [ "${WITH_CLI:-0}" = 1 ]; then projects+=(src/FastAudiomentations.Cli/FastAudiomentations.Cli.csproj); fi
for proj in "${projects[@]}"; do
  dotnet publish "$proj" -c Release -r linux-x64 --self-contained true \
    -p:PublishSingleFile=false -p:DebugType=none -o "$out" >/dev/null
done
clip="${CLIP:-$root/../../shared/fixtures/clip-44k.wav}"
[ -f "$clip" ] || clip=/work/shared/fixtures/clip-44k.wav
cp "$clip" "$out/clip-44k.wav"
cp "$(dirname "$clip")/noise-44k.wav" "$out/noise-44k.wav"
tar -C "$out" -czf .gpu/gpusweep.tgz .
rm -rf "$out"
echo "bundle: .gpu/gpusweep.tgz ($(du -m .gpu/gpusweep.tgz | cut -f1) MiB)"
