// The kernels' CUDA C compiled for the host (x86-64 System V, g++): the execution-space keywords vanish, the index
// variables are globals, and the 64-bit multiply-high is a 128-bit product. Two ways in:
//  - GpuKernelSourceOnHostTest calls a grid-stride kernel directly, each block as one thread (blockIdx.x = 0,
//    gridDim.x = blockDim.x = 1, blockIdx.y and .z from host_block): one legal schedule of such a kernel.
//  - HostEmulatedDriver launches any kernel through the emulate_<kernel> entry HOST_EMULATE defines: blocks one after
//    another, a block's threads as fibers on their own stacks that switch only at __syncthreads, so shared memory
//    (a static: one block runs at a time) and barriers behave as on a device. A kernel whose first block passes no
//    barrier runs its threads as plain calls after that (much faster); a barrier met there aborts the process.
#pragma once
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <type_traits>
#include <utility>

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static
struct host_dim3 { unsigned x, y, z; };
static host_dim3 threadIdx = {0, 0, 0}, blockIdx = {0, 0, 0}, blockDim = {1, 1, 1}, gridDim = {1, 1, 1};
static inline unsigned long long __umul64hi(unsigned long long a, unsigned long long b) {
    return (unsigned long long) (((unsigned __int128) a * b) >> 64);
}
static inline int __clz(int x) { return x == 0 ? 32 : __builtin_clz((unsigned) x); }
static inline long long __double_as_longlong(double x) { long long b; memcpy(&b, &x, sizeof b); return b; }
static inline double __longlong_as_double(long long b) { double x; memcpy(&x, &b, sizeof x); return x; }

// The block the next direct kernel call runs as.
extern "C" void host_block(int y, int z) {
    blockIdx.y = y;
    blockIdx.z = z;
}

// ---- fibers: one per thread of the running block ----

// Saves the callee-saved registers on the current stack, stores its pointer at *save, and resumes the stack at load.
extern "C" void host_fiber_switch(void** save, void* load);
__asm__(".text\n"
        ".globl host_fiber_switch\n"
        ".hidden host_fiber_switch\n"
        ".type host_fiber_switch,@function\n"
        "host_fiber_switch:\n"
        "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n  pushq %r13\n  pushq %r14\n  pushq %r15\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n  popq %rbx\n  popq %rbp\n"
        "  ret\n"
        ".size host_fiber_switch, .-host_fiber_switch\n");

static const unsigned HOST_MAX_THREADS = 1024;
static const size_t HOST_STACK_BYTES = 64 * 1024;
static const size_t HOST_GUARD_BYTES = 4096;
enum host_thread_state : unsigned char { HOST_RUNNABLE, HOST_AT_BARRIER, HOST_EXITED };

static void (*host_body)(void*);
static void* host_body_context;
static char* host_stacks;
static void* host_fiber_sp[HOST_MAX_THREADS];
static host_thread_state host_state[HOST_MAX_THREADS];
static void* host_scheduler_sp;
static unsigned host_current;
static bool host_in_fiber;
static unsigned long host_barriers;

// The next thread of this round after the current one (or the scheduler, after the last): fibers pass control
// along the block directly, one switch per thread and barrier.
static void host_pass_on() {
    unsigned t = host_current;
    for (unsigned u = t + 1; u < blockDim.x; u++) {
        if (host_state[u] != HOST_EXITED) {
            host_current = u;
            threadIdx = {u, 0, 0};
            host_fiber_switch(&host_fiber_sp[t], host_fiber_sp[u]);
            return;
        }
    }
    host_fiber_switch(&host_fiber_sp[t], host_scheduler_sp);
}

static inline void __syncthreads() {
    if (!host_in_fiber) {
        fprintf(stderr, "host_cuda.h: __syncthreads in a kernel whose first block passed no barrier\n");
        abort();
    }
    host_barriers++;
    host_state[host_current] = HOST_AT_BARRIER;
    __asm__ volatile("" ::: "memory"); // shared memory written before the barrier is in memory, read after it from there
    host_pass_on();
    __asm__ volatile("" ::: "memory");
}

// A fiber's first frame: the body for the thread it was started as, then on to the next thread for good.
static void host_fiber_entry() {
    host_body(host_body_context);
    host_state[host_current] = HOST_EXITED;
    host_pass_on();
    __builtin_unreachable();
}

// Stacks for the most threads a block may have, each above a guard page, mapped once.
static bool host_map_stacks() {
    if (host_stacks != nullptr) return true;
    size_t bytes = HOST_MAX_THREADS * HOST_STACK_BYTES;
    void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) return false;
    host_stacks = (char*) m;
    for (unsigned t = 0; t < HOST_MAX_THREADS; t++) mprotect(host_stacks + t * HOST_STACK_BYTES, HOST_GUARD_BYTES, PROT_NONE);
    return true;
}

// Thread t's stack as host_fiber_switch leaves a suspended one: six saved registers, then host_fiber_entry as the
// return address, above it a slot that makes the entry's stack pointer 8 mod 16, as after a call. The tops are
// staggered by a cache line per thread: tops a power of two apart would all fall into one cache set.
static void* host_fresh_stack(unsigned t) {
    void** sp = (void**) (host_stacks + (t + 1) * HOST_STACK_BYTES - 64 * (t % 256));
    *--sp = nullptr;
    *--sp = (void*) &host_fiber_entry;
    for (int r = 0; r < 6; r++) *--sp = nullptr;
    return sp;
}

// Every thread of the block runs to its next barrier (or its end) before any passes it.
static void host_run_block_as_fibers(unsigned threads) {
    for (unsigned t = 0; t < threads; t++) {
        host_state[t] = HOST_RUNNABLE;
        host_fiber_sp[t] = host_fresh_stack(t);
    }
    host_in_fiber = true;
    for (unsigned first = 0; first < threads;) {
        host_current = first;
        threadIdx = {first, 0, 0};
        host_fiber_switch(&host_scheduler_sp, host_fiber_sp[first]);
        while (first < threads && host_state[first] == HOST_EXITED) first++;
    }
    host_in_fiber = false;
}

// ---- launches ----

template <typename... A, size_t... I>
static void host_call(void (*kernel)(A...), void** args, std::index_sequence<I...>) {
    kernel(*static_cast<std::remove_cv_t<std::remove_reference_t<A>>*>(args[I])...);
}

template <typename... A>
struct host_launch_context {
    void (*kernel)(A...);
    void** args;
    static void run(void* self) {
        auto* c = static_cast<host_launch_context*>(self);
        host_call(c->kernel, c->args, std::index_sequence_for<A...>{});
    }
};

// Status of a launch: 0 run; 1 the argument count is not the kernel's; 2 an argument's width is not its
// parameter's (the index in *bad); 3 a grid or block outside the limits; 4 no memory for the stacks.
// barrierFree: -1 not known yet, 0 the kernel waits at barriers, 1 it does not (decided by its first block).
template <typename... A>
static int host_launch(void (*kernel)(A...), int& barrierFree, const unsigned* grid, unsigned threads, void** args,
                       const int* widths, int count, int* bad) {
    constexpr int arity = sizeof...(A);
    if (count != arity) return 1;
    const int sizes[arity + 1] = {(int) sizeof(std::remove_cv_t<std::remove_reference_t<A>>)..., 0};
    for (int i = 0; i < arity; i++) {
        if (sizes[i] != widths[i]) {
            *bad = i;
            return 2;
        }
    }
    if (threads == 0 || threads > HOST_MAX_THREADS || grid[0] == 0 || grid[1] == 0 || grid[2] == 0) return 3;
    if (!host_map_stacks()) return 4;
    host_launch_context<A...> context{kernel, args};
    host_body = &host_launch_context<A...>::run;
    host_body_context = &context;
    gridDim = {grid[0], grid[1], grid[2]};
    blockDim = {threads, 1, 1};
    for (unsigned z = 0; z < grid[2]; z++) {
        for (unsigned y = 0; y < grid[1]; y++) {
            for (unsigned x = 0; x < grid[0]; x++) {
                blockIdx = {x, y, z};
                if (barrierFree == 1) {
                    for (unsigned t = 0; t < threads; t++) {
                        threadIdx = {t, 0, 0};
                        host_body(host_body_context);
                    }
                } else {
                    unsigned long before = host_barriers;
                    host_run_block_as_fibers(threads);
                    if (barrierFree < 0) barrierFree = host_barriers == before ? 1 : 0;
                }
            }
        }
    }
    threadIdx = {0, 0, 0};
    blockIdx = {0, 0, 0};
    blockDim = {1, 1, 1};
    gridDim = {1, 1, 1};
    return 0;
}

// emulate_<kernel>(grid[3], threads, args, widths, count, bad): args[i] points at argument i, widths[i] its bytes.
#define HOST_EMULATE(kernel)                                                                                   \
    extern "C" int emulate_##kernel(const unsigned* grid, unsigned threads, void** args, const int* widths,   \
                                    int count, int* bad) {                                                     \
        static int barrierFree = -1;                                                                           \
        return host_launch(kernel, barrierFree, grid, threads, args, widths, count, bad);                      \
    }

// Device-to-device copies of the emulated device (its memory is the host's).
extern "C" void host_copy(void* target, const void* source, size_t bytes) {
    memmove(target, source, bytes);
}
