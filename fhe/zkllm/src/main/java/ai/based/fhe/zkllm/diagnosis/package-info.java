/**
 * Encrypted diagnosis, the second kind of Brain (whitepaper §6.1): the Wisconsin records and their parser
 * ({@link ai.based.fhe.zkllm.diagnosis.RecordsParser}), the stratified split, the HE-friendly classifier and its DJL
 * trainer beside a logistic baseline, its package with a content hash, and the encrypted circuit: the miner's
 * {@link ai.based.fhe.zkllm.diagnosis.EncryptedDiagnosis} (evaluation keys only) and the clinic's
 * {@link ai.based.fhe.zkllm.diagnosis.DiagnosisClient} (the secret key), with no round trip between them.
 */
package ai.based.fhe.zkllm.diagnosis;
