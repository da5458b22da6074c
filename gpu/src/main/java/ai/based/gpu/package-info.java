/**
 * The CUDA implementation of the fhe/ckks compute SPI ({@link ai.based.gpu.GpuBackend}), found at run time through
 * ServiceLoader; nothing depends on this module at compile time (DESIGN.md §3). Its kernels are CUDA C in
 * {@code src/main/cuda}, shipped as PTX (see {@code scripts/build-ptx.sh}) and loaded through JCuda's driver API.
 */
package ai.based.gpu;
