using System.Runtime.ExceptionServices;

namespace FastAudiomentations;

/// <summary>
/// A fixed set of worker threads that run <see cref="IParallelWork"/> items over an index range.
/// </summary>
/// <remarks>
/// Why not Parallel.For: it allocates a closure and task state per call, and steady-state calls must
/// allocate nothing. Here the threads live as long as the device, take indices with Interlocked, and the
/// calling thread works too (as worker 0).
/// </remarks>
internal sealed class CpuWorkers : IDisposable
{
    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private IParallelWork? _work;
    private int _count;
    private int _next;
    private int _running;
    private long _generation;
    private bool _stopping;
    private ExceptionDispatchInfo? _failure;

    public CpuWorkers(int threadCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threadCount);
        ThreadCount = threadCount;
        _threads = new Thread[threadCount - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int worker = i + 1;
            _threads[i] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"fastaug-cpu-{worker}" };
            _threads[i].Start();
        }
    }

    /// <summary>Threads that run work, the caller included.</summary>
    public int ThreadCount { get; }

    /// <summary>Runs <paramref name="work"/> for every index in [0, <paramref name="count"/>) and returns when all are done.</summary>
    public void For(int count, IParallelWork work)
    {
        if (count <= 0)
        {
            return;
        }

        if (count == 1 || _threads.Length == 0)
        {
            for (int i = 0; i < count; i++)
            {
                work.Run(i, 0);
            }

            return;
        }

        lock (_gate)
        {
            _work = work;
            _count = count;
            _next = 0;
            _failure = null;
            _running = _threads.Length;
            _generation++;
            Monitor.PulseAll(_gate);
        }

        Drain(0);
        lock (_gate)
        {
            while (_running > 0)
            {
                Monitor.Wait(_gate);
            }

            _work = null;
        }

        _failure?.Throw();
    }

    private void Loop(int worker)
    {
        long seen = 0;
        while (true)
        {
            lock (_gate)
            {
                while (_generation == seen && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping)
                {
                    return;
                }

                seen = _generation;
            }

            Drain(worker);
            lock (_gate)
            {
                if (--_running == 0)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }

    private void Drain(int worker)
    {
        IParallelWork work = _work!;
        int index;
        while ((index = Interlocked.Increment(ref _next) - 1) < _count)
        {
            try
            {
                work.Run(index, worker);
            }
#pragma warning disable CA1031 // Any failure of a work item is handed back to the caller, which rethrows it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                lock (_gate)
                {
                    _failure ??= ExceptionDispatchInfo.Capture(e);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
    }
}
