#include "syncdelayvfs.h"

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace {

struct State
{
    std::mutex mutex;
    std::condition_variable opened;
    bool closed = false;
    int delayMs = 0;
    int syncs = 0;
    int waiting = 0;
    int timedOut = 0;
    bool failing = false;
    std::thread::id installer; // the gate holds only the syncs of other threads
    int installerSyncs = 0;
};

State &state()
{
    static State s;
    return s;
}

sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs;

// The wrapped file: ours first, the real VFS's file right behind it.
struct ShimFile
{
    sqlite3_file base;
    sqlite3_file *real;
};

sqlite3_file *real(sqlite3_file *f)
{
    return reinterpret_cast<ShimFile *>(f)->real;
}

int shimSync(sqlite3_file *f, int flags)
{
    State &s = state();
    {
        std::unique_lock lock(s.mutex);
        const int delay = s.delayMs;
        if (s.closed && std::this_thread::get_id() != s.installer) {
            ++s.waiting;
            if (!s.opened.wait_for(lock, std::chrono::seconds(60), [&s] { return !s.closed; }))
                ++s.timedOut;
            --s.waiting;
        }
        if (s.failing)
            return SQLITE_IOERR_FSYNC;
        lock.unlock();
        if (delay > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(delay)); // the slow disk
    }
    const int rc = real(f)->pMethods->xSync(real(f), flags);
    const std::lock_guard lock(s.mutex);
    ++s.syncs;
    if (std::this_thread::get_id() == s.installer)
        ++s.installerSyncs;
    return rc;
}

int shimClose(sqlite3_file *f)
{
    return real(f)->pMethods->xClose(real(f));
}
int shimRead(sqlite3_file *f, void *p, int n, sqlite3_int64 o)
{
    return real(f)->pMethods->xRead(real(f), p, n, o);
}
int shimWrite(sqlite3_file *f, const void *p, int n, sqlite3_int64 o)
{
    return real(f)->pMethods->xWrite(real(f), p, n, o);
}
int shimTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    return real(f)->pMethods->xTruncate(real(f), size);
}
int shimFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int shimLock(sqlite3_file *f, int l)
{
    return real(f)->pMethods->xLock(real(f), l);
}
int shimUnlock(sqlite3_file *f, int l)
{
    return real(f)->pMethods->xUnlock(real(f), l);
}
int shimCheckReservedLock(sqlite3_file *f, int *out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int shimFileControl(sqlite3_file *f, int op, void *arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int shimSectorSize(sqlite3_file *f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int shimDeviceCharacteristics(sqlite3_file *f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int shimShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int shimShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void shimShmBarrier(sqlite3_file *f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
int shimShmUnmap(sqlite3_file *f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int shimFetch(sqlite3_file *f, sqlite3_int64 o, int n, void **out)
{
    return real(f)->pMethods->xFetch(real(f), o, n, out);
}
int shimUnfetch(sqlite3_file *f, sqlite3_int64 o, void *p)
{
    return real(f)->pMethods->xUnfetch(real(f), o, p);
}

const sqlite3_io_methods g_methods = {
    3,
    shimClose,
    shimRead,
    shimWrite,
    shimTruncate,
    shimSync,
    shimFileSize,
    shimLock,
    shimUnlock,
    shimCheckReservedLock,
    shimFileControl,
    shimSectorSize,
    shimDeviceCharacteristics,
    shimShmMap,
    shimShmLock,
    shimShmBarrier,
    shimShmUnmap,
    shimFetch,
    shimUnfetch,
};

int shimOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    auto *shim = reinterpret_cast<ShimFile *>(file);
    shim->real = reinterpret_cast<sqlite3_file *>(shim + 1);
    shim->real->pMethods = nullptr;
    const int rc = g_real->xOpen(g_real, name, shim->real, flags, outFlags);
    // The methods the real file has (a file whose open failed has none, and is not closed).
    shim->base.pMethods = shim->real->pMethods ? &g_methods : nullptr;
    return rc;
}
int shimDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    return g_real->xDelete(g_real, name, syncDir);
}
int shimAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    return g_real->xAccess(g_real, name, flags, out);
}
int shimFullPathname(sqlite3_vfs *, const char *name, int n, char *out)
{
    return g_real->xFullPathname(g_real, name, n, out);
}
void *shimDlOpen(sqlite3_vfs *, const char *name)
{
    return g_real->xDlOpen(g_real, name);
}
void shimDlError(sqlite3_vfs *, int n, char *out)
{
    g_real->xDlError(g_real, n, out);
}
void (*shimDlSym(sqlite3_vfs *, void *lib, const char *sym))(void)
{
    return g_real->xDlSym(g_real, lib, sym);
}
void shimDlClose(sqlite3_vfs *, void *lib)
{
    g_real->xDlClose(g_real, lib);
}
int shimRandomness(sqlite3_vfs *, int n, char *out)
{
    return g_real->xRandomness(g_real, n, out);
}
int shimSleep(sqlite3_vfs *, int us)
{
    return g_real->xSleep(g_real, us);
}
int shimCurrentTime(sqlite3_vfs *, double *out)
{
    return g_real->xCurrentTime(g_real, out);
}
int shimGetLastError(sqlite3_vfs *, int n, char *out)
{
    return g_real->xGetLastError ? g_real->xGetLastError(g_real, n, out) : 0;
}
int shimCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
{
    return g_real->xCurrentTimeInt64(g_real, out);
}
int shimSetSystemCall(sqlite3_vfs *, const char *name, sqlite3_syscall_ptr p)
{
    return g_real->xSetSystemCall(g_real, name, p);
}
sqlite3_syscall_ptr shimGetSystemCall(sqlite3_vfs *, const char *name)
{
    return g_real->xGetSystemCall(g_real, name);
}
const char *shimNextSystemCall(sqlite3_vfs *, const char *name)
{
    return g_real->xNextSystemCall(g_real, name);
}

} // namespace

namespace SyncDelayVfs {

bool install()
{
    state().installer = std::this_thread::get_id();
    static const bool installed = [] {
        g_real = sqlite3_vfs_find(nullptr);
        if (!g_real || g_real->iVersion < 3)
            return false;
        g_vfs = sqlite3_vfs{};
        g_vfs.iVersion = 3;
        g_vfs.szOsFile = int(sizeof(ShimFile)) + g_real->szOsFile;
        g_vfs.mxPathname = g_real->mxPathname;
        g_vfs.zName = "euphoria-syncdelay";
        g_vfs.xOpen = shimOpen;
        g_vfs.xDelete = shimDelete;
        g_vfs.xAccess = shimAccess;
        g_vfs.xFullPathname = shimFullPathname;
        g_vfs.xDlOpen = shimDlOpen;
        g_vfs.xDlError = shimDlError;
        g_vfs.xDlSym = shimDlSym;
        g_vfs.xDlClose = shimDlClose;
        g_vfs.xRandomness = shimRandomness;
        g_vfs.xSleep = shimSleep;
        g_vfs.xCurrentTime = shimCurrentTime;
        g_vfs.xGetLastError = shimGetLastError;
        g_vfs.xCurrentTimeInt64 = shimCurrentTimeInt64;
        g_vfs.xSetSystemCall = shimSetSystemCall;
        g_vfs.xGetSystemCall = shimGetSystemCall;
        g_vfs.xNextSystemCall = shimNextSystemCall;
        return sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
    }();
    return installed;
}

void setDelayMs(int ms)
{
    const std::lock_guard lock(state().mutex);
    state().delayMs = ms;
}

void setGateClosed(bool closed)
{
    {
        const std::lock_guard lock(state().mutex);
        state().closed = closed;
    }
    state().opened.notify_all();
}

int syncs()
{
    const std::lock_guard lock(state().mutex);
    return state().syncs;
}

int waiting()
{
    const std::lock_guard lock(state().mutex);
    return state().waiting;
}

int timedOut()
{
    const std::lock_guard lock(state().mutex);
    return state().timedOut;
}

int ownThreadSyncs()
{
    const std::lock_guard lock(state().mutex);
    return state().installerSyncs;
}

void setFailing(bool failing)
{
    const std::lock_guard lock(state().mutex);
    state().failing = failing;
}

void reset()
{
    const std::lock_guard lock(state().mutex);
    state().syncs = 0;
    state().timedOut = 0;
}

} // namespace SyncDelayVfs

// Loaded with LD_PRELOAD into a process (ui_bench's slow-disk run): installs itself before main
// when EUPHORIA_SYNC_DELAY_MS is set.
#ifdef SYNCDELAYVFS_PRELOAD
__attribute__((constructor)) static void syncDelayVfsPreload()
{
    if (const char *ms = std::getenv("EUPHORIA_SYNC_DELAY_MS")) {
        if (SyncDelayVfs::install())
            SyncDelayVfs::setDelayMs(std::atoi(ms));
    }
}
#endif
