#!/usr/bin/env node
// Compiles every contract under src/ with solcjs through Standard JSON and writes, per deployable
// contract, <Name>.abi and <Name>.bin into the output folder (default ../target/solc). Maven turns
// those into web3j wrappers. Inputs are hashed so an unchanged tree is not compiled twice.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const root = path.resolve(__dirname, '..');
const outDir = path.resolve(process.argv[2] || path.join(root, 'target', 'solc'));
const EVM_VERSION = 'cancun';
const OPTIMIZER_RUNS = 200;

function fail(message) {
  console.error(`compile: ${message}`);
  process.exit(1);
}

// node_modules must hold exactly what package-lock.json pins, or the bytecode would silently differ.
function checkNodeModules() {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  for (const [key, entry] of Object.entries(lock.packages || {})) {
    if (!key.startsWith('node_modules/') || key.split('node_modules/').length > 2) continue;
    const installed = path.join(root, key, 'package.json');
    if (!fs.existsSync(installed)) {
      fail(`${key} is missing: node_modules is stale, run 'npm ci' in ${root}`);
    }
    const version = JSON.parse(fs.readFileSync(installed, 'utf8')).version;
    if (version !== entry.version) {
      fail(`${key} is ${version} but package-lock.json pins ${entry.version}: run 'npm ci' in ${root}`);
    }
  }
}

function solidityFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return solidityFiles(full);
    return entry.name.endsWith('.sol') ? [full] : [];
  });
}

function findImport(importPath) {
  for (const base of [path.join(root, 'src'), path.join(root, 'node_modules')]) {
    const candidate = path.join(base, importPath);
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: `import not found: ${importPath}` };
}

function main() {
  checkNodeModules();
  const solc = require('solc');
  const files = solidityFiles(path.join(root, 'src')).sort();
  const sources = {};
  for (const file of files) {
    sources[path.relative(path.join(root, 'src'), file)] = { content: fs.readFileSync(file, 'utf8') };
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: OPTIMIZER_RUNS },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const hash = crypto.createHash('sha256')
    .update(solc.version()).update(JSON.stringify(input)).digest('hex');
  const stamp = path.join(outDir, '.inputs.sha256');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) {
    console.log(`compile: ${files.length} sources unchanged, keeping ${outDir}`);
    return;
  }
  console.log(`compile: solc ${solc.version()} (${EVM_VERSION}, optimizer ${OPTIMIZER_RUNS} runs) on ${files.length} sources`);
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  for (const diagnostic of output.errors || []) console.error(diagnostic.formattedMessage);
  if (errors.length > 0) fail(`${errors.length} error(s)`);

  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  let written = 0;
  for (const [source, contracts] of Object.entries(output.contracts)) {
    if (!(source in sources)) continue; // libraries pulled in from node_modules are linked inline
    for (const [name, artifact] of Object.entries(contracts)) {
      const bytecode = artifact.evm.bytecode.object;
      if (!bytecode || artifact.abi.length === 0) continue; // interfaces, abstract contracts, constant libraries
      fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(artifact.abi));
      fs.writeFileSync(path.join(outDir, `${name}.bin`), bytecode);
      written++;
      console.log(`compile: ${source} -> ${name} (${bytecode.length / 2} bytes)`);
    }
  }
  fs.writeFileSync(stamp, hash);
  console.log(`compile: wrote ${written} contracts to ${outDir}`);
}

main();
