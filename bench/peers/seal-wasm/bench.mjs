// The SEAL column of `based bench ckks`: Microsoft SEAL 4.1 (node-seal 7.0.0, WebAssembly) CKKS timings on this
// machine, with the parameters, inputs and operation boundaries of the Java side (CkksMeasurements.java).
//
// Run it through run.sh, which installs the pinned packages and starts Node 22 with --no-liftoff.
// Environment:
//   SIZES             comma list of ring degrees, from 8192 and 16384 (default 8192,16384)
//   RUNS              timed runs per operation (default 30)
//   KEYGEN_RUNS       timed runs per key generation (default 10)
//   WARMUP            untimed runs before each operation's timed runs (default 3)
//   SKIP_FULL_GALOIS  1: skip timing SEAL's default Galois key set (all powers of two); the rotation always uses a
//                     key for step 1 only, as the Java side does
// Progress goes to stderr. The last stdout line is `JSON {"results":[{"N":..,"ms":{..},"ntt_us_per_poly_prime":
// {"fwd":..},"err":{"mul_max_abs":..},"bytes":{"fresh_ciphertext_uncompressed":..}}, ..]}`.
//
// How each figure is taken, and where it differs from the Java side:
// - every figure is the median (element runs/2 of the sorted samples, as the Java side takes it) of single calls
//   on one thread (SEAL's wasm build has no threads);
// - keygen_secret times `new KeyGenerator(context)`, which samples the secret key (SEAL has no separate call);
// - ntt_us_per_poly_prime.fwd: node-seal exposes no single-polynomial NTT. It times the forward transform of a
//   whole fresh ciphertext (Evaluator.cipherTransformToNttInplace: 2 polynomials x the ciphertext's primes) and
//   divides by 2 x primes, so it carries the call's small fixed overhead; an estimate, slightly high;
// - err.mul_max_abs: max |decode(decrypt(rescale(x*y))) - x*y| over all slots; x and y are the Java side's inputs
//   (java.util.Random seeds 1 and 2, uniform in [-1, 1)), reproduced here bit for bit;
// - bytes.fresh_ciphertext_uncompressed: Ciphertext.saveToArray(compr_mode none) of a fresh public-key
//   encryption, SEAL's 16-byte header and metadata included (the Java side counts the raw coefficients only).
import os from 'node:os';
import { readFileSync } from 'node:fs';

const PARAMETER_SETS = {
  8192: [60, 40, 40, 60], // q = 60, 40, 40; special prime p = 60
  16384: [60, 40, 40, 40, 40, 40, 40, 60], // q = 60, 40 x 6; p = 60
};
const SCALE = 2 ** 40;

function positiveInt(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) fail(`${name} must be a positive integer, got '${text}'`);
  return value;
}

function fail(message) {
  console.error(`seal-wasm peer: ${message}`);
  process.exit(2);
}

const RUNS = positiveInt('RUNS', 30);
const KEYGEN_RUNS = positiveInt('KEYGEN_RUNS', 10);
const WARMUP = process.env.WARMUP === '0' ? 0 : positiveInt('WARMUP', 3);
const SKIP_FULL_GALOIS = process.env.SKIP_FULL_GALOIS === '1';
const SIZES = (process.env.SIZES || '8192,16384').split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
  if (!(s in PARAMETER_SETS)) fail(`SIZES: no parameter set for N=${s} (known: ${Object.keys(PARAMETER_SETS).join(', ')})`);
  return Number(s);
});
if (SIZES.length === 0) fail('SIZES is empty');

/** java.util.Random, so that x and y are the very doubles the Java side encrypts. */
class JavaRandom {
  static #MULTIPLIER = 0x5DEECE66Dn;
  static #MASK = (1n << 48n) - 1n;
  #seed;
  constructor(seed) { this.#seed = (BigInt(seed) ^ JavaRandom.#MULTIPLIER) & JavaRandom.#MASK; }
  #next(bits) {
    this.#seed = (this.#seed * JavaRandom.#MULTIPLIER + 0xBn) & JavaRandom.#MASK;
    return Number(this.#seed >> BigInt(48 - bits));
  }
  nextDouble() { return (this.#next(26) * 2 ** 27 + this.#next(27)) / 2 ** 53; }
}

/** The Java side's CkksMeasurements.values(count, seed): uniform in [-1, 1). */
function values(count, seed) {
  const random = new JavaRandom(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = random.nextDouble() * 2 - 1;
  return out;
}

/**
 * Median milliseconds of `runs` timed calls of operation(), after WARMUP untimed ones. prepare() runs untimed
 * before each call; dispose(result) frees a wasm object the call made, also untimed.
 */
function medianMillis(runs, operation, { prepare = () => {}, dispose = () => {} } = {}) {
  const samples = [];
  for (let i = 0; i < WARMUP + runs; i++) {
    prepare();
    const start = process.hrtime.bigint();
    const result = operation();
    const nanos = process.hrtime.bigint() - start;
    dispose(result);
    if (i >= WARMUP) samples.push(Number(nanos) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)];
}

const round = (value) => Number(value.toPrecision(5));

function measure(seal, n) {
  const bits = PARAMETER_SETS[n];
  const owned = []; // wasm objects to free once this size is done
  const keep = (object) => { owned.push(object); return object; };
  const parms = keep(new seal.EncryptionParameters(seal.SchemeType.ckks));
  parms.setPolyModulusDegree(n);
  parms.setCoeffModulus(seal.CoeffModulus.Create(n, Int32Array.from(bits)));
  const context = keep(new seal.SEALContext(parms, true, seal.SecLevelType.tc128));
  if (!context.parametersSet()) throw new Error(`SEAL rejects N=${n} [${bits}] at 128-bit security: ${context.toHuman()}`);
  console.error(`N=${n} coeff modulus bits [${bits}] (${bits.reduce((a, b) => a + b)} bits, SEAL's 128-bit limit `
    + `${seal.CoeffModulus.MaxBitCount(n, seal.SecLevelType.tc128)}), scale 2^40`);

  const ms = {};
  const time = (name, runs, operation, options) => {
    ms[name] = round(medianMillis(runs, operation, options));
    console.error(`  ${name.padEnd(30)} ${ms[name].toFixed(3).padStart(10)} ms`);
  };
  const free = (object) => object.delete();
  time('keygen_secret', KEYGEN_RUNS, () => new seal.KeyGenerator(context), { dispose: free });
  const keygen = keep(new seal.KeyGenerator(context));
  time('keygen_public', KEYGEN_RUNS, () => keygen.createPublicKey(), { dispose: free });
  time('keygen_relin', KEYGEN_RUNS, () => keygen.createRelinKeys(), { dispose: free });
  const stepOne = Int32Array.from([1]);
  time('keygen_galois_step1', KEYGEN_RUNS, () => keygen.createGaloisKeysWithSteps(stepOne), { dispose: free });
  if (!SKIP_FULL_GALOIS) time('keygen_galois_all', KEYGEN_RUNS, () => keygen.createGaloisKeys(), { dispose: free });
  const publicKey = keep(keygen.createPublicKey());
  const relinKeys = keep(keygen.createRelinKeys());
  const galoisKeys = keep(keygen.createGaloisKeysWithSteps(stepOne));

  const encoder = keep(new seal.CKKSEncoder(context));
  const encryptor = keep(new seal.Encryptor(context, publicKey)); // public key only: every encryption is public-key
  const decryptor = keep(new seal.Decryptor(context, keygen.secretKey()));
  const evaluator = keep(new seal.Evaluator(context));
  const slots = encoder.slotCount();
  const x = values(slots, 1);
  const y = values(slots, 2);
  const encrypt = (message, into) => {
    const plain = new seal.Plaintext();
    encoder.encode(message, SCALE, plain); // at the top level, as the Java side encodes
    encryptor.encrypt(plain, into);
    plain.delete();
    return into;
  };

  const scratch = keep(new seal.Ciphertext());
  time('encode_encrypt_public', RUNS, () => encrypt(x, scratch));
  const cx = encrypt(x, keep(new seal.Ciphertext()));
  const cy = encrypt(y, keep(new seal.Ciphertext()));
  time('add', RUNS, () => evaluator.add(cx, cy, scratch));
  const mulRelin = (into) => {
    evaluator.multiply(cx, cy, into);
    evaluator.relinearizeInplace(into, relinKeys);
    return into;
  };
  time('multiply_relinearize', RUNS, () => mulRelin(scratch));
  const product = mulRelin(keep(new seal.Ciphertext()));
  time('rescale', RUNS, () => evaluator.rescaleToNext(product, scratch));
  // SEAL has no fused relinearise-and-rescale: its user multiplies, relinearises and rescales in turn
  const unscaled = keep(new seal.Ciphertext());
  time('multiply_relin_rescale', RUNS, () => {
    mulRelin(unscaled);
    evaluator.rescaleToNext(unscaled, scratch);
    return scratch;
  });
  time('rotate_1', RUNS, () => evaluator.rotateVector(cx, 1, galoisKeys, scratch));
  const decrypted = keep(new seal.Plaintext());
  time('decrypt_decode', RUNS, () => {
    decryptor.decrypt(cx, decrypted);
    return encoder.decodeFloat64(decrypted);
  });

  // Forward NTT: SEAL keeps CKKS ciphertexts in NTT form, so take a copy out of it (untimed) before each timed
  // transform back into it.
  const transformed = keep(cx.copy());
  const primes = transformed.coeffModulusSize();
  const toCoefficients = () => { if (transformed.isNttForm()) evaluator.cipherTransformFromNttInplace(transformed); };
  const nttMillis = medianMillis(RUNS * 10, () => evaluator.cipherTransformToNttInplace(transformed), { prepare: toCoefficients });
  const nttMicros = round((1000 * nttMillis) / (transformed.size() * primes));
  console.error(`  ${'ntt_forward'.padEnd(30)} ${nttMicros.toFixed(1).padStart(10)} µs per polynomial and prime `
    + `(whole ciphertext: ${transformed.size()} polynomials x ${primes} primes)`);

  const rescaled = keep(new seal.Ciphertext());
  evaluator.rescaleToNext(product, rescaled);
  decryptor.decrypt(rescaled, decrypted);
  const decoded = encoder.decodeFloat64(decrypted);
  let maxError = 0;
  for (let i = 0; i < slots; i++) maxError = Math.max(maxError, Math.abs(decoded[i] - x[i] * y[i]));
  const freshBytes = cx.saveToArray(seal.ComprModeType.none).length;
  console.error(`  product max abs error ${maxError.toPrecision(3)}; fresh ciphertext ${freshBytes} bytes uncompressed`);

  for (const object of owned.reverse()) object.delete();
  return { N: n, coeff_modulus_bits: bits, scale_bits: 40, slots, ms, ntt_us_per_poly_prime: { fwd: nttMicros },
    err: { mul_max_abs: maxError }, bytes: { fresh_ciphertext_uncompressed: freshBytes } };
}

const { default: initialize } = await import('node-seal');
const nodeSealVersion = JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('node-seal')), 'utf8')).version;
const seal = await initialize();
const loadBefore = os.loadavg()[0];
console.error(`node-seal ${nodeSealVersion} on Node ${process.version} (${process.execArgv.join(' ') || 'no flags'}), `
  + `${os.cpus()[0]?.model}, load ${loadBefore.toFixed(2)}, runs ${RUNS}, keygen runs ${KEYGEN_RUNS}, warm-up ${WARMUP}`);
const results = SIZES.map((n) => measure(seal, n));
console.log('JSON ' + JSON.stringify({
  peer: 'seal-wasm', node_seal: nodeSealVersion, node: process.version, node_flags: process.execArgv,
  threads: 1, runs: RUNS, keygen_runs: KEYGEN_RUNS, warmup: WARMUP,
  load_1min: { start: round(loadBefore), end: round(os.loadavg()[0]) }, results,
}));
