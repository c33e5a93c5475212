/*
 * Shared state of the core: the control word and progress slot (the job's SharedArrayBuffer, read and written with
 * __atomic builtins), the process-wide clone/offload memo, and the per-thread copy buffer.
 */
#include "fc_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#ifdef __linux__
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/*
 * Pause: V8's Atomics.wait/notify do not use the futex syscall (V8 emulates futexes with a wait list and condition
 * variables, deps/v8/src/execution/futex-emulation.cc), so Atomics.notify cannot wake a native waiter. We wait with
 * FUTEX_WAIT on the word with a timeout: fc_notify_control (FUTEX_WAKE) wakes at once, a plain Atomics.store +
 * notify is seen within FC_PAUSE_POLL_MS. Elsewhere: a short sleep.
 */
#define FC_PAUSE_POLL_MS 10

static void wait_while_paused(int32_t *word) {
  struct timespec t = {0, FC_PAUSE_POLL_MS * 1000000L};
#ifdef __linux__
  syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, FC_PAUSE, &t, NULL, 0);
#else
  (void)word;
  nanosleep(&t, NULL);
#endif
}

void fc_notify_control(int32_t *control) {
#ifdef __linux__
  syscall(SYS_futex, control, FUTEX_WAKE_PRIVATE, 0x7fffffff, NULL, NULL, 0);
#else
  (void)control;
#endif
}

void fc_progress_store(const fc_job *job, int word, int64_t value) {
  if (job->progress) __atomic_store_n(&job->progress[word], value, __ATOMIC_SEQ_CST);
}

void fc_progress_add(const fc_job *job, int word, int64_t value) {
  if (job->progress) __atomic_fetch_add(&job->progress[word], value, __ATOMIC_SEQ_CST);
}

int fc_checkpoint(const fc_job *job, int64_t file_bytes) {
  if (file_bytes >= 0) fc_progress_store(job, FC_SLOT_FILE_BYTES, file_bytes);
  if (!job->control) return FC_RUN;
  int32_t state = __atomic_load_n(job->control, __ATOMIC_SEQ_CST);
  while (state == FC_PAUSE) {
    wait_while_paused(job->control);
    state = __atomic_load_n(job->control, __ATOMIC_SEQ_CST);
  }
  return state == FC_RUN ? FC_RUN : FC_CANCEL; /* terminate stops like cancel: the pool is going away */
}

/* The memo: a small table, linear scan under a mutex (a job meets a handful of device pairs). */
#define MEMO_SIZE 64
static struct {
  uint64_t src, dst;
  unsigned bits;
} memo[MEMO_SIZE];
static size_t memo_used;
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

unsigned fc_memo_get(uint64_t src_dev, uint64_t dst_dev) {
  unsigned bits = 0;
  pthread_mutex_lock(&memo_lock);
  for (size_t i = 0; i < memo_used; i++)
    if (memo[i].src == src_dev && memo[i].dst == dst_dev) bits = memo[i].bits;
  pthread_mutex_unlock(&memo_lock);
  return bits;
}

void fc_memo_set(uint64_t src_dev, uint64_t dst_dev, unsigned bits) {
  pthread_mutex_lock(&memo_lock);
  size_t i = 0;
  while (i < memo_used && !(memo[i].src == src_dev && memo[i].dst == dst_dev)) i++;
  if (i == memo_used) {
    if (memo_used == MEMO_SIZE) i = 0; /* full: forget the oldest pair; it costs one more failed call */
    else memo_used++;
    memo[i].src = src_dev;
    memo[i].dst = dst_dev;
    memo[i].bits = 0;
  }
  memo[i].bits |= bits;
  pthread_mutex_unlock(&memo_lock);
}

void fc_reset_memo(void) {
  pthread_mutex_lock(&memo_lock);
  memo_used = 0;
  pthread_mutex_unlock(&memo_lock);
}

/* Per-thread buffer, freed by the key's destructor when a worker thread exits. */
typedef struct {
  char *data;
  size_t size;
} thread_buffer;

static pthread_key_t buffer_key;
static pthread_once_t buffer_once = PTHREAD_ONCE_INIT;

static void free_buffer(void *p) {
  thread_buffer *b = p;
  free(b->data);
  free(b);
}

static void make_key(void) { pthread_key_create(&buffer_key, free_buffer); }

char *fc_thread_buffer(size_t size) {
  pthread_once(&buffer_once, make_key);
  thread_buffer *b = pthread_getspecific(buffer_key);
  if (!b) {
    b = calloc(1, sizeof *b);
    if (!b) return NULL;
    pthread_setspecific(buffer_key, b);
  }
  if (b->size < size) {
    char *bigger = realloc(b->data, size);
    if (!bigger) return NULL;
    b->data = bigger;
    b->size = size;
  }
  return b->data;
}
