namespace FastAudiomentations;

/// <summary>A unit of parallel work: item <c>index</c>, run by worker <c>worker</c> (0 = the calling thread).</summary>
internal interface IParallelWork
{
    void Run(int index, int worker);
}
