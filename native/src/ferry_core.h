/*
 * ferry_core: the plain C copy library behind Ferry's native core. No Node types here; the N-API binding
 * (binding.c) converts typed arrays to these structs. Everything is descriptor-relative: folders are opened once
 * per run of consecutive items, the last component is opened with O_NOFOLLOW, names are bytes (never decoded).
 *
 * Thread-safety: every function may run on several threads at once (one call per thread). The clone/offload memo is
 * process-wide and locked; the copy buffer is per thread.
 */
#ifndef FERRY_CORE_H
#define FERRY_CORE_H

#include <stddef.h>
#include <stdint.h>

/* Control word values (mirror src/engine/protocol.ts). */
enum { FC_RUN = 0, FC_PAUSE = 1, FC_CANCEL = 2, FC_TERMINATE = 3 };

/* Progress slot words (BigInt64 in JS, mirror SLOT_* in src/engine/protocol.ts). */
enum { FC_SLOT_FILE = 0, FC_SLOT_FILE_BYTES = 1, FC_SLOT_DONE_ACCOUNTED = 2, FC_SLOT_DONE_COPIED = 3, FC_SLOT_SKIP = 4 };

/* fc_checkpoint's answer when the slot's skip word names the file being copied (never a control word value). */
enum { FC_SKIP = 5 };

/* The job's token bucket (BigInt64 words, mirror THROTTLE_* in src/engine/protocol.ts): bytes per second (0: no
 * limit) and the theoretical arrival time in ns of CLOCK_MONOTONIC (fc_monotonic_ns). */
enum { FC_THROTTLE_RATE = 0, FC_THROTTLE_TAT = 1 };

/* Per-item status bytes (mirror ITEM_* in src/engine/protocol.ts). FC_ITEM_WRITTEN: done, but left under its temp
 * name (no final_name) for the caller's commit, which a terminate must remove. */
enum { FC_ITEM_PENDING = 0, FC_ITEM_DONE = 1, FC_ITEM_SKIPPED = 2, FC_ITEM_FAILED = 3, FC_ITEM_CANCELLED = 4,
       FC_ITEM_WRITTEN = 5 };

/* Item flags. */
enum {
  FC_ITEM_SYMLINK = 1,          /* copy a symbolic link (readlinkat → symlinkat), not a file */
  FC_ITEM_RENAME_NOREPLACE = 2, /* rename temp → final, refusing to clobber (RENAME_NOREPLACE) */
  FC_ITEM_RENAME_REPLACE = 4,   /* rename temp → final, replacing atomically (renameat) */
  FC_ITEM_KEEP_TEMP_ON_EXISTS = 8, /* NOREPLACE met an existing name: keep the finished temp for the caller */
  FC_ITEM_HAS_IDENTITY = 16,    /* dev/ino are the walk's: a different file is "source changed" */
  FC_ITEM_HAS_WALK_META = 32,   /* size/mtime_ns are the walk's: a difference sets FC_OUT_CHANGED_SINCE_WALK */
};

/* Outcome status. */
enum {
  FC_NOT_STARTED = 0,
  FC_DONE = 1,
  FC_FAILED = 2,
  FC_SOURCE_CHANGED = 3, /* not the regular file / link the walk saw, or it changed while copied */
  FC_CANCELLED = 4,
  FC_EXISTS = 5, /* NOREPLACE: the final name exists; temp kept only with FC_ITEM_KEEP_TEMP_ON_EXISTS */
  FC_SKIPPED = 6, /* the user asked to skip it while it was copied (FC_SLOT_SKIP): stopped, temp removed */
};

/* Which step failed. */
enum {
  FC_STEP_NONE = 0,
  FC_STEP_OPEN_SOURCE_DIR,
  FC_STEP_OPEN_DEST_DIR,
  FC_STEP_OPEN_SOURCE,
  FC_STEP_STAT_SOURCE,
  FC_STEP_CHECK_SOURCE,
  FC_STEP_CREATE_TEMP,
  FC_STEP_READ,
  FC_STEP_WRITE,
  FC_STEP_TRUNCATE,
  FC_STEP_OWNER,
  FC_STEP_MODE,
  FC_STEP_XATTR,
  FC_STEP_TIMES,
  FC_STEP_SYNC,
  FC_STEP_CLOSE,
  FC_STEP_RENAME,
  FC_STEP_READLINK,
  FC_STEP_SYMLINK,
  FC_STEP_CANCEL,
};

/* Which path a failure is about. */
enum { FC_PATH_NONE = 0, FC_PATH_SOURCE, FC_PATH_SOURCE_DIR, FC_PATH_DEST_DIR, FC_PATH_TEMP, FC_PATH_FINAL };

/* Outcome flags (facts about a copy that did not fail it). */
enum {
  FC_OUT_CLONED = 1,            /* data shared by FICLONE / clonefile */
  FC_OUT_OFFLOADED = 2,         /* data moved by copy_file_range / fcopyfile */
  FC_OUT_SPARSE = 4,            /* holes kept (SEEK_DATA/SEEK_HOLE) */
  FC_OUT_XATTR_UNSUPPORTED = 8, /* the destination refused an xattr with ENOTSUP */
  FC_OUT_XATTR_DENIED = 16,     /* an xattr refused with EPERM/EACCES (trusted.*, security.*) */
  FC_OUT_ACL_UNSUPPORTED = 32,  /* the destination has no POSIX ACLs: only the mode carries permissions */
  FC_OUT_CHANGED_SINCE_WALK = 64, /* size or mtime differ from the walk's: the current content was copied */
  FC_OUT_TEMP_KEPT = 128,       /* FC_EXISTS and the temp file is left for the caller */
  FC_OUT_OWNER_DENIED = 256,    /* running as root, fchown was refused (e.g. root-squashed NFS) */
};

/* Job-wide options. FC_OPT_CALLER_COUNTS: the caller owns the slot's per-item words (the engine's worker loop sets
 * FC_SLOT_FILE and adds FC_SLOT_DONE_* after each item); the core then writes only FC_SLOT_FILE_BYTES, as the file's
 * bytes so far, so nothing is counted twice. */
enum { FC_OPT_OWNER = 1, FC_OPT_XATTRS = 2, FC_OPT_CALLER_COUNTS = 4 };
enum { FC_SYNC_NONE = 0, FC_SYNC_DATA = 1, FC_SYNC_FULL = 2 };

typedef struct {
  int32_t *control;  /* the job's control word (shared memory), or NULL */
  int64_t *progress; /* FC_SLOT_* words (shared memory), or NULL: four, or five with FC_SLOT_SKIP */
  size_t progress_words;
  int64_t *throttle; /* FC_THROTTLE_* words (shared memory), or NULL: no bandwidth limit */
  uint8_t *statuses; /* one FC_ITEM_* byte per item (shared memory), or NULL */
  size_t chunk_size; /* bytes between progress updates / control checks for large files */
  int umask;         /* the process umask, or -1 to read it from /proc/self/status */
  int sync;          /* FC_SYNC_*: fdatasync / fsync (F_FULLFSYNC on macOS) each file before its rename */
  uint32_t options;  /* FC_OPT_* */
} fc_job;

typedef struct {
  const char *src_dir, *src_name; /* the source: its folder and its last component (bytes) */
  const char *dst_dir, *temp_name; /* the temp file: its folder and name */
  const char *final_name;          /* name in dst_dir to rename to, or NULL to leave the temp */
  int64_t id;
  uint32_t flags; /* FC_ITEM_* */
  uint64_t dev, ino;
  int64_t size, mtime_ns;
  int32_t mode; /* mode to give (07777 bits), or -1 for the source's */
} fc_item;

typedef struct {
  int32_t status, err, step, path;
  uint32_t flags;
  int64_t bytes;
} fc_outcome;

/* Copies items in order; fills out[i] for every item (FC_NOT_STARTED after a cancel). Returns the items attempted. */
size_t fc_copy_batch(const fc_job *job, const fc_item *items, size_t n, fc_outcome *out);

/* Forgets which (source dev, destination dev) pairs could not clone or offload (for tests). */
void fc_reset_memo(void);

/* Wakes threads paused on a control word (FUTEX_WAKE): V8's Atomics.notify does not (it emulates futexes). */
void fc_notify_control(int32_t *control);

/* CLOCK_MONOTONIC in ns: the clock of the throttle words (the JS side reads it through the binding too). */
int64_t fc_monotonic_ns(void);

/* Charges `bytes` to the job's token bucket and waits until they are due (woken early by a control change).
 * Returns FC_RUN, or FC_CANCEL when the control word asked to stop meanwhile. */
int fc_throttle(const fc_job *job, int64_t bytes);

/* One directory entry of fc_read_dir, all exact 64-bit values. */
enum { FC_KIND_FILE = 1, FC_KIND_DIR, FC_KIND_SYMLINK, FC_KIND_OTHER };
enum { FC_WALK_NAME_OFF = 0, FC_WALK_NAME_LEN, FC_WALK_KIND, FC_WALK_MODE, FC_WALK_SIZE, FC_WALK_DEV,
       FC_WALK_INO, FC_WALK_NLINK, FC_WALK_BLOCKS, FC_WALK_ATIME_NS, FC_WALK_MTIME_NS, FC_WALK_WORDS };

typedef struct {
  char *names;       /* names back to back (no separators); owned, free with fc_free_dir */
  size_t names_len;
  int64_t *fields;   /* FC_WALK_WORDS per entry */
  size_t count;
  int err;           /* errno of a failed open/read, 0 if fine */
  int failed_entries;/* entries whose fstatat failed (vanished since readdir): skipped */
} fc_dir;

/* Reads one folder (opened O_DIRECTORY|O_NOFOLLOW), lstat-ing each entry relative to its descriptor. */
int fc_read_dir(const char *path, fc_dir *out);
void fc_free_dir(fc_dir *dir);

/* stat/lstat into 11 words: dev, ino, mode, nlink, uid, gid, size, blocks, atime_ns, mtime_ns, ctime_ns. */
enum { FC_STAT_WORDS = 11 };
int fc_stat(const char *path, int follow, int64_t *words);
int fc_fstat(int fd, int64_t *words);

/* rename(2) with RENAME_NOREPLACE (link+unlink where the filesystem lacks it). Returns 0 or an errno. */
int fc_rename_noreplace(const char *from, const char *to);

/* One rename of fc_rename_batch: names `from` and `to` inside the folder `dir` (bytes). */
typedef struct {
  const char *dir, *from, *to;
} fc_rename;

/* Renames each item's from → to with renameat (replacing, as rename(2)), relative to its folder, which stays open
 * across consecutive items of the same folder. errs[i] is 0 or the errno of item i (one failure stops nothing). */
void fc_rename_batch(const fc_rename *items, size_t n, int *errs);

/* Durability helpers: each returns 0 or an errno. fd >= 0 is used as is, otherwise path is opened. */
int fc_syncfs(int fd, const char *path);
int fc_fsync(int fd, const char *path, int data_only);
int fc_fadvise_dontneed(int fd, const char *path);

/* "ENOSPC" for ENOSPC; NULL for an unknown number. */
const char *fc_errno_name(int err);

#endif
