using System.Runtime.ExceptionServices;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Host threads for per-call host work of a <see cref="GpuDevice"/> (designing a batch's filters): items of an index
/// range taken with Interlocked, the calling thread working too.
/// </summary>
/// <remarks>
/// Why not the core's <c>CpuWorkers</c>: its threads wait on one shared monitor, so a call wakes them one after
/// another as each reacquires the lock (measured on the H100's host: about 250 us before 16 threads run, more than
/// the work). Here each thread waits on its own event, so the wake-ups run in parallel, and finishing threads count
/// down an event the caller waits on. Steady-state calls allocate nothing.
/// </remarks>
internal sealed class HostWorkers : IDisposable
{
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _go;
    private readonly ManualResetEventSlim _done = new(false);
    private IParallelWork? _work;
    private int _count;
    private int _next;
    private int _running;
    private volatile bool _stopping;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Starts <paramref name="threadCount"/> - 1 threads (the caller is the last worker).</summary>
    public HostWorkers(int threadCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threadCount);
        ThreadCount = threadCount;
        _threads = new Thread[threadCount - 1];
        _go = new ManualResetEventSlim[threadCount - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int worker = i + 1;
            _go[i] = new ManualResetEventSlim(false);
            _threads[i] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"fastaug-gpu-host-{worker}" };
            _threads[i].Start();
        }
    }

    /// <summary>Threads that run work, the caller included.</summary>
    public int ThreadCount { get; }

    /// <summary>Runs <paramref name="work"/> for every index in [0, <paramref name="count"/>) and returns when all are done.</summary>
    public void For(int count, IParallelWork work)
    {
        int helpers = Math.Min(_threads.Length, count - 1);
        if (helpers <= 0)
        {
            for (int i = 0; i < count; i++)
            {
                work.Run(i, 0);
            }

            return;
        }

        _work = work;
        _count = count;
        _next = 0;
        _failure = null;
        _running = helpers;
        _done.Reset();
        for (int i = 0; i < helpers; i++)
        {
            _go[i].Set();
        }

        Drain(0);
        _done.Wait();
        _work = null;
        _failure?.Throw();
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (ManualResetEventSlim go in _go)
        {
            go.Set();
        }

        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        foreach (ManualResetEventSlim go in _go)
        {
            go.Dispose();
        }

        _done.Dispose();
    }

    private void Loop(int worker)
    {
        ManualResetEventSlim go = _go[worker - 1];
        while (true)
        {
            go.Wait();
            go.Reset();
            if (_stopping)
            {
                return;
            }

            Drain(worker);
            if (Interlocked.Decrement(ref _running) == 0)
            {
                _done.Set();
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
            catch (Exception error)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(error), null);
                Interlocked.Exchange(ref _next, _count);
            }
        }
    }
}
