namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// A pointwise kernel whose step's host preparation (<see cref="PlannedStep.Prepare"/> and its parameters) may run after
/// the executor has launched the passes before the step's own pass: while the device measures the step's input, the host
/// prepares. Only for ops that need a statistic of their input and so always follow a pass that does not read their
/// parameters (the statistics pass measures the input, never the op's parameters).
/// </summary>
/// <remarks>
/// Why: AddBackgroundNoise's preparation (resolving each row's noise clip and its segment energy, ~13 us at B = 128 on
/// the H100's host) otherwise sits on the call's critical path in front of every launch; overlapped with the statistics
/// pass (~54 us at B = 128) it costs nothing (bench/gpu-notes.md, run 13).
/// </remarks>
internal interface ILatePreparation
{
}
