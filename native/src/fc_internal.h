/*
 * Internal pieces shared by the ferry_core translation units: the clone/offload memo, the per-thread copy buffer,
 * the control word / progress slot accessors, and the data and metadata steps of one file.
 */
#ifndef FC_INTERNAL_H
#define FC_INTERNAL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/stat.h>
#include <sys/types.h>

#include "ferry_core.h"

#ifndef O_PATH
#define O_PATH 0 /* macOS: no O_PATH; O_RDONLY folders serve */
#endif

/* Returned by the data step when the control word asked to stop, or the user to skip the file. */
#define FC_ECANCELLED (-1)
#define FC_ESKIPPED (-2)

/* Files up to this size go through one pread/pwrite pair (measured faster than copy_file_range for 4 KiB). */
#define FC_SMALL_FILE (64 * 1024)

/* What a step reports when it fails: errno, step and path (FC_*). */
typedef struct {
  int err, step, path;
} fc_fail;

/* Memo bits per (source dev, destination dev). */
enum { FC_MEMO_NO_CLONE = 1, FC_MEMO_NO_OFFLOAD = 2 };
unsigned fc_memo_get(uint64_t src_dev, uint64_t dst_dev);
void fc_memo_set(uint64_t src_dev, uint64_t dst_dev, unsigned bits);

/* The calling thread's copy buffer, at least `size` bytes (NULL when out of memory). Freed at thread exit. */
char *fc_thread_buffer(size_t size);

/* Stores the current file's bytes (charging the new ones to the bandwidth limit) and returns FC_RUN, FC_CANCEL, or
 * FC_SKIP when the slot's skip word names the file, waiting while the control word says pause. */
int fc_checkpoint(const fc_job *job, int64_t file_bytes);
void fc_progress_store(const fc_job *job, int word, int64_t value);
void fc_progress_add(const fc_job *job, int word, int64_t value);

/*
 * Moves the data of `in` (whose fstat is `st`) into the fresh file `out`: clone, then copy_file_range, then
 * read/write, keeping holes of sparse files. Returns 0 (bytes and FC_OUT_* flags set), FC_ECANCELLED, or fills
 * `fail` and returns its errno. FC_SOURCE_CHANGED cases return EAGAIN with step FC_STEP_CHECK_SOURCE.
 */
int fc_copy_data(const fc_job *job, int in, int out, const struct stat *st, uint64_t dst_dev, int64_t *bytes,
                 uint32_t *flags, fc_fail *fail);

/* What the destination folder implies for new files. */
typedef struct {
  int fd, err;
  uint64_t dev;
  int setgid;      /* new files take the folder's group: chown may be needed even for our own gid */
  int default_acl; /* new files get modes from the default ACL, not the umask: always fchmod */
} fc_dst_dir;

/* Owner, xattrs/ACLs, mode and ns times of the new file `out` from `in`/`st`. Returns 0 or fills `fail`. */
int fc_apply_meta(const fc_job *job, int umask, const fc_dst_dir *dir, int in, int out, const struct stat *st,
                  int mode, uint32_t *flags, fc_fail *fail);

/* The process umask from /proc/self/status (0022 when unknown). */
int fc_read_umask(void);

static inline int64_t fc_ns(struct timespec t) { return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec; }

#ifdef __APPLE__
#define FC_ATIM(st) ((st)->st_atimespec)
#define FC_MTIM(st) ((st)->st_mtimespec)
#define FC_CTIM(st) ((st)->st_ctimespec)
#else
#define FC_ATIM(st) ((st)->st_atim)
#define FC_MTIM(st) ((st)->st_mtim)
#define FC_CTIM(st) ((st)->st_ctim)
#endif

#endif
