// The Node.js half of cognito_access_accelerator (read _activation.py and _loader.py).
//
// Required by the jsii kernel's Node.js process only, and only once a cdktf provider
// package is imported in Python: setup.py packs this file as a jsii assembly of its own,
// which jsii.load has the kernel require before the provider package loads its assembly.
// The index of @cdktf/provider-aws and @cdktf/provider-cloudflare is a list of
// `exports.<name> = require("./<dir>");` lines, one per resource type (about 2,200 and
// 560), all loaded when jsii loads the assembly. This turns each into a getter that
// requires the submodule when jsii first reaches for one of its types.
//
// Fail-safe: an index with any other statement, or any error while building the lazy
// exports, loads that package the ordinary way, with one warning per process
// (`AcceleratorWarning`; `node --no-warnings` or COGNITO_ACCESS_EAGER_PROVIDERS=1
// silences it). Nothing here may make the kernel fail where it would not have.
'use strict';

const Module = require('module');
const fs = require('fs');
const path = require('path');

const PROVIDER_INDEX = /[\\/]@cdktf[\\/]provider-(?:aws|cloudflare)[\\/]lib[\\/]index\.js$/;
// The statements an index may hold, one a line, once block comments are removed.
const SUBMODULE = /^exports\.(\w+) = require\("(\.\/[^"]+)"\);$/;
const DECLARED = /^exports\.\w+(?: = exports\.\w+)* = void 0;$/;
const ALLOWED = [
  /^$/,
  /^\/\/.*$/,
  /^"use strict";$/,
  /^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);$/,
  DECLARED,
];
const load = Module._load;
let warned = false;

function warnOnce(filename, reason) {
  if (warned) return;
  warned = true;
  process.emitWarning(
    `${filename}: ${reason}; this provider package loads the ordinary way instead ` +
      '(the same output, only slower). Set COGNITO_ACCESS_EAGER_PROVIDERS=1 to silence this.',
    'AcceleratorWarning',
  );
}

// The submodules of an index of the expected shape: [[name, relative path], ...].
function submodulesOf(source) {
  const submodules = [];
  const declared = new Set();
  for (const raw of source.replace(/\/\*[\s\S]*?\*\//g, '').split('\n')) {
    const line = raw.trim();
    const submodule = SUBMODULE.exec(line);
    if (submodule) {
      submodules.push([submodule[1], submodule[2]]);
    } else if (!ALLOWED.some((pattern) => pattern.test(line))) {
      throw new Error(`unexpected statement ${JSON.stringify(line.slice(0, 80))}`);
    }
    if (DECLARED.test(line)) {
      for (const match of line.matchAll(/exports\.(\w+) =/g)) declared.add(match[1]);
    }
  }
  if (submodules.length === 0) throw new Error('no `exports.<name> = require(...)` lines');
  for (const [name] of submodules) declared.delete(name);
  if (declared.size > 0) throw new Error(`exports without a require: ${[...declared].join(', ')}`);
  return submodules;
}

function lazyIndex(filename, parent) {
  const submodules = submodulesOf(fs.readFileSync(filename, 'utf8'));
  const directory = path.dirname(filename);
  const lazyExports = {};
  Object.defineProperty(lazyExports, '__esModule', { value: true });
  for (const [name, relative] of submodules) {
    Object.defineProperty(lazyExports, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = require(path.join(directory, relative));
        Object.defineProperty(lazyExports, name, { value, enumerable: true });
        return value;
      },
    });
  }
  const index = new Module(filename, parent);
  index.filename = filename;
  index.paths = Module._nodeModulePaths(directory);
  index.exports = lazyExports;
  index.loaded = true;
  return index;
}

// Once per process, whichever way it was required.
const MARK = Symbol.for('cognito-access-accelerator');
if (!Module._load[MARK]) {
  Module._load = loadProviderIndexLazily;
  Module._load[MARK] = true;
}

function loadProviderIndexLazily(request, parent, isMain) {
  let filename;
  try {
    filename = Module._resolveFilename(request, parent, isMain);
    if (!PROVIDER_INDEX.test(filename)) filename = undefined;
    else if (Module._cache[filename]) return Module._cache[filename].exports;
  } catch {
    filename = undefined;
  }
  if (filename === undefined) return load.apply(this, arguments);
  let index;
  try {
    index = lazyIndex(filename, parent);
  } catch (error) {
    warnOnce(filename, (error && error.message) || String(error));
    return load.apply(this, arguments);
  }
  Module._cache[filename] = index;
  return index.exports;
}
