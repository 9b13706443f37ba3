// The Node.js half of cognito_access_lazy_providers.py (read its docstring).
//
// Preloaded (`node --require`) into the jsii kernel's Node.js process only. The index
// of @cdktf/provider-aws and @cdktf/provider-cloudflare is a list of
// `exports.<name> = require("./<dir>");` lines, one per resource type (about 2,200 and
// 560), all loaded when jsii loads the assembly. This turns each into a getter that
// requires the submodule when jsii first reaches for one of its types. An index of any
// other shape is loaded as usual.
'use strict';

const Module = require('module');
const fs = require('fs');
const path = require('path');

const PROVIDER_INDEX = /[\\/]@cdktf[\\/]provider-(?:aws|cloudflare)[\\/]lib[\\/]index\.js$/;
const SUBMODULE = /^exports\.(\w+) = require\("(\.\/[^"]+)"\);$/gm;
const load = Module._load;

Module._load = function loadProviderIndexLazily(request, parent, isMain) {
  let filename;
  try {
    filename = Module._resolveFilename(request, parent, isMain);
  } catch {
    return load.apply(this, arguments);
  }
  if (!PROVIDER_INDEX.test(filename)) return load.apply(this, arguments);
  if (Module._cache[filename]) return Module._cache[filename].exports;
  const submodules = [...fs.readFileSync(filename, 'utf8').matchAll(SUBMODULE)];
  if (submodules.length === 0) return load.apply(this, arguments);

  const directory = path.dirname(filename);
  const lazyExports = {};
  Object.defineProperty(lazyExports, '__esModule', { value: true });
  for (const [, name, relative] of submodules) {
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
  Module._cache[filename] = index;
  return lazyExports;
};
