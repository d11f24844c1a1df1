namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>One (transform, device) check of <see cref="GpuSelfTest"/>.</summary>
/// <param name="Case">The transform or pipeline.</param>
/// <param name="Device">The GPU device's name.</param>
/// <param name="Passed">True when the output matched the CPU device's within the bound and padding stayed zero.</param>
/// <param name="NormalisedError">max |gpu - cpu| / max |cpu| over the batch.</param>
/// <param name="Detail">Why it failed (or "no GPU kernel"), else null.</param>
public sealed record SelfTestResult(string Case, string Device, bool Passed, double NormalisedError, string? Detail);
