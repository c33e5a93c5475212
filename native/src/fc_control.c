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

/* The user asked to skip the file this slot is copying (its id + 1 in FC_SLOT_SKIP). */
static int skip_requested(const fc_job *job) {
  if (!job->progress || job->progress_words <= FC_SLOT_SKIP) return 0;
  int64_t skip = __atomic_load_n(&job->progress[FC_SLOT_SKIP], __ATOMIC_SEQ_CST);
  return skip != 0 && skip == __atomic_load_n(&job->progress[FC_SLOT_FILE], __ATOMIC_SEQ_CST);
}

int fc_checkpoint(const fc_job *job, int64_t file_bytes) {
  if (file_bytes >= 0) {
    int64_t before = job->progress ? __atomic_load_n(&job->progress[FC_SLOT_FILE_BYTES], __ATOMIC_SEQ_CST) : 0;
    fc_progress_store(job, FC_SLOT_FILE_BYTES, file_bytes);
    if (file_bytes > before) fc_throttle(job, file_bytes - before); /* the control word is read below */
  }
  if (!job->control) return skip_requested(job) ? FC_SKIP : FC_RUN;
  int32_t state = __atomic_load_n(job->control, __ATOMIC_SEQ_CST);
  while (state == FC_PAUSE) {
    if (skip_requested(job)) return FC_SKIP;
    wait_while_paused(job->control);
    state = __atomic_load_n(job->control, __ATOMIC_SEQ_CST);
  }
  if (state != FC_RUN) return FC_CANCEL; /* terminate stops like cancel: the pool is going away */
  return skip_requested(job) ? FC_SKIP : FC_RUN;
}

int64_t fc_monotonic_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return fc_ns(t);
}

/*
 * The bandwidth limit (GCRA, one bucket per job in shared memory): a share of `bytes` costs bytes / rate seconds;
 * it is booked after the bucket's theoretical arrival time (TAT) or, after an idle spell, no earlier than BURST
 * before now, and may go once its booking ends within BURST of now. So every worker together moves `rate` bytes a
 * second, a burst of BURST's worth at most. The wait sleeps on the control word (a control change or a skip wakes
 * it: fc_notify_control), re-reading the rate: a changed limit ends the wait (the main thread resets the TAT).
 */
#define FC_THROTTLE_BURST_NS 50000000LL
#define FC_THROTTLE_SLICE_NS 50000000LL

int fc_throttle(const fc_job *job, int64_t bytes) {
  if (!job->throttle || bytes <= 0) return FC_RUN;
  int64_t rate = __atomic_load_n(&job->throttle[FC_THROTTLE_RATE], __ATOMIC_SEQ_CST);
  if (rate <= 0) return FC_RUN;
  int64_t cost = (int64_t)((double)bytes * 1e9 / (double)rate);
  int64_t now = fc_monotonic_ns();
  int64_t tat = __atomic_load_n(&job->throttle[FC_THROTTLE_TAT], __ATOMIC_SEQ_CST);
  int64_t booked;
  do booked = (tat > now - FC_THROTTLE_BURST_NS ? tat : now - FC_THROTTLE_BURST_NS) + cost;
  while (!__atomic_compare_exchange_n(&job->throttle[FC_THROTTLE_TAT], &tat, booked, 0, __ATOMIC_SEQ_CST,
                                      __ATOMIC_SEQ_CST));
  for (;;) {
    int64_t wait = booked - FC_THROTTLE_BURST_NS - fc_monotonic_ns();
    if (wait <= 0) return FC_RUN;
    if (__atomic_load_n(&job->throttle[FC_THROTTLE_RATE], __ATOMIC_SEQ_CST) != rate) return FC_RUN;
    if (skip_requested(job)) return FC_RUN; /* the caller's checkpoint sees it */
    int32_t state = job->control ? __atomic_load_n(job->control, __ATOMIC_SEQ_CST) : FC_RUN;
    if (state != FC_RUN) return state == FC_PAUSE ? FC_RUN : FC_CANCEL;
    if (wait > FC_THROTTLE_SLICE_NS) wait = FC_THROTTLE_SLICE_NS;
    struct timespec t = {(time_t)(wait / 1000000000), (long)(wait % 1000000000)};
#ifdef __linux__
    if (job->control) syscall(SYS_futex, job->control, FUTEX_WAIT_PRIVATE, FC_RUN, &t, NULL, 0);
    else nanosleep(&t, NULL);
#else
    nanosleep(&t, NULL);
#endif
  }
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
