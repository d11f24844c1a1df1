namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// A pointwise kernel whose step's host preparation (<see cref="PlannedStep.Prepare"/> and its parameters) may run after
/// the executor has launched the passes before the step's own pass: while the device measures the step's input, the host
/// prepares. Only for ops that need a statistic of their input and so always follow a pass that does not read their
/// parameters (the statistics pass measures the input, never the op's parameters).
/// </summary>
/// <remarks>
/// Why: AddBackgroundNoise's preparation (resolving each row's noise clip and its segment energy, 15-35 us at B = 128
/// on the H100 machines' hosts) otherwise sits on the call's critical path in front of every launch; overlapped with the
/// statistics pass (~51 us at B = 128) it is hidden. Its parameters then go up on a side stream
/// (<see cref="SideStreamCopy"/>): copied between the passes on the device's stream they cost as much device time as
/// the host time hidden (run 15).
/// </remarks>
internal interface ILatePreparation
{
}
