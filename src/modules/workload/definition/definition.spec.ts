import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUILTIN_TEMPLATES,
  EGG_DEFAULT_RESOURCES,
  EggFormatError,
  OUTPOST_EXTENSION_KEY,
  StartupRenderError,
  WorkloadDefinition,
  buildEnvironment,
  checkRules,
  compilePhpRegex,
  evaluateRules,
  exportEgg,
  formatEggStop,
  getBuiltinTemplate,
  importEgg,
  parseEggStop,
  parseRules,
  renderStartup,
  safeRegexTest,
  validateDefinition,
  validateVariableValues,
} from './index';

// Tests run from dist/ (which has no .json); fixtures stay in src/.
const FIXTURES = [join(__dirname, 'fixtures'), join(__dirname, '../../../../../src/modules/workload/definition/fixtures')].find((d) => existsSync(join(d, 'README.md'))) as string;

function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}
function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}
function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
/** Asserts importEgg throws EggFormatError for `path` with a message matching `msg`. */
function assertEggError(egg: unknown, path: string, msg: RegExp): void {
  assert.throws(
    () => importEgg(egg),
    (e: unknown) => {
      assert.ok(e instanceof EggFormatError, `expected EggFormatError, got ${String(e)}`);
      assert.equal(e.path, path);
      assert.match(e.message, msg);
      assert.ok(e.message.includes(path), 'message names the field');
      return true;
    },
  );
}

const ALL_FIXTURES = [
  'ptdl_v1-paper.pterodactyl.json',
  'ptdl_v2-paper.pelican.json',
  'ptdl_v2-vanilla-minecraft.pelican.json',
  'ptdl_v2-nodejs-generic.pelican-eggs.json',
  'plcn_v2-python-generic.pelican-eggs.json',
  'plcn_v3-passage.json',
];

describe('egg import: real fixtures', () => {
  it('PTDL_v1 Paper (Pterodactyl): images list, CRLF config JSON strings, legacy placeholders', () => {
    const d = importEgg(fixtureText('ptdl_v1-paper.pterodactyl.json'));
    assert.equal(d.source.format, 'PTDL_v1');
    assert.equal(d.source.exportedAt, '2021-08-01T03:54:45+03:00');
    assert.equal(d.name, 'Paper');
    assert.equal(d.author, 'parker@pterodactyl.io');
    assert.deepEqual(d.images, [
      { label: 'ghcr.io/pterodactyl/yolks:java_8', ref: 'ghcr.io/pterodactyl/yolks:java_8' },
      { label: 'ghcr.io/pterodactyl/yolks:java_11', ref: 'ghcr.io/pterodactyl/yolks:java_11' },
      { label: 'ghcr.io/pterodactyl/yolks:java_16', ref: 'ghcr.io/pterodactyl/yolks:java_16' },
    ]);
    assert.equal(d.startup, 'java -Xms128M -Xmx{{SERVER_MEMORY}}M -Dterminal.jline=false -Dterminal.ansi=true -jar {{SERVER_JARFILE}}');
    assert.deepEqual(d.startupDone, [')! For help, type ']);
    assert.deepEqual(d.stop, { type: 'command', value: 'stop' });
    assert.deepEqual(d.configFiles, [{ file: 'server.properties', parser: 'properties', find: { 'server-ip': '0.0.0.0', 'server-port': '{{server.build.default.port}}' } }]);
    assert.deepEqual(d.features, ['eula', 'java_version']);
    assert.equal(d.install?.image, 'ghcr.io/pterodactyl/installers:alpine');
    assert.equal(d.install?.entrypoint, 'ash');
    assert.ok(d.install?.script.startsWith('#!/bin/ash\n# Paper Installation Script\n'));
    assert.ok(!d.install?.script.includes('\r'), 'install script normalised to LF');
    assert.equal(d.variables.length, 4);
    assert.deepEqual(d.variables[1], {
      name: 'Server Jar File',
      description: 'The name of the server jarfile to run the server with.',
      envVariable: 'SERVER_JARFILE',
      defaultValue: 'server.jar',
      userViewable: true,
      userEditable: true,
      rules: 'required|regex:/^([\\w\\d._-]+)(\\.jar)$/',
      fieldType: 'text',
    });
    assert.equal(d.variables[2].envVariable, 'DL_PATH');
    assert.equal(d.variables[2].userViewable, false);
    assert.equal(d.variables[2].userEditable, false);
    assert.deepEqual(d.defaults, EGG_DEFAULT_RESOURCES);
    assert.deepEqual(validateDefinition(d), []);
  });

  it('PTDL_v2 Paper (Pelican): docker_images map in order, uuid, allocation placeholders', () => {
    const d = importEgg(fixture('ptdl_v2-paper.pelican.json'));
    assert.equal(d.source.format, 'PTDL_v2');
    assert.equal(d.source.uuid, '5da37ef6-58da-4169-90a6-e683e1721247');
    assert.deepEqual(
      d.images.map((i) => i.label),
      ['Java 21', 'Java 17', 'Java 16', 'Java 11', 'Java 8'],
    );
    assert.equal(d.images[0].ref, 'ghcr.io/parkervcp/yolks:java_21');
    assert.deepEqual(d.features, ['eula', 'java_version', 'pid_limit']);
    assert.deepEqual(d.configFiles[0].find, {
      'server-ip': '0.0.0.0',
      'server-port': '{{server.allocations.default.port}}',
      'query.port': '{{server.allocations.default.port}}',
    });
    assert.equal(d.install?.image, 'ghcr.io/parkervcp/installers:alpine');
    assert.deepEqual(
      d.variables.map((v) => [v.envVariable, v.defaultValue, v.rules]),
      [
        ['MINECRAFT_VERSION', 'latest', 'nullable|string|max:20'],
        ['SERVER_JARFILE', 'server.jar', 'required|regex:/^([\\w\\d._-]+)(\\.jar)$/'],
        ['DL_PATH', '', 'nullable|string'],
        ['BUILD_NUMBER', 'latest', 'required|string|max:20'],
      ],
    );
    assert.deepEqual(validateDefinition(d), []);
  });

  it('PTDL_v2 Vanilla (Pelican export): rules given as lists, update_url', () => {
    const d = importEgg(fixture('ptdl_v2-vanilla-minecraft.pelican.json'));
    assert.equal(d.source.updateUrl, 'https://github.com/pelican-dev/panel/raw/main/database/Seeders/eggs/minecraft/egg-vanilla-minecraft.json');
    assert.equal(d.variables[0].rules, 'required|regex:/^([\\w\\d._-]+)(\\.jar)$/');
    assert.equal(d.variables[1].rules, 'required|string|between:3,15');
    assert.deepEqual(validateDefinition(d), []);
  });

  it('PTDL_v2 generic Node.js: ^C stop, list of done strings, null features', () => {
    const d = importEgg(fixture('ptdl_v2-nodejs-generic.pelican-eggs.json'));
    assert.equal(d.name, 'node.js generic');
    assert.equal(d.images.length, 11);
    assert.deepEqual(d.images[0], { label: 'Nodejs 24', ref: 'ghcr.io/parkervcp/yolks:nodejs_24' });
    assert.deepEqual(d.stop, { type: 'signal', value: 'SIGINT' });
    assert.deepEqual(d.startupDone, ['change this text 1', 'change this text 2']);
    assert.deepEqual(d.features, []);
    assert.deepEqual(d.configFiles, []);
    assert.equal(d.install?.image, 'node:18-bookworm-slim');
    assert.equal(d.install?.entrypoint, 'bash');
    assert.equal(d.variables.length, 10);
    assert.equal(d.variables.find((v) => v.envVariable === 'MAIN_FILE')?.rules, 'required|string|max:16');
    assert.deepEqual(validateDefinition(d), []);
  });

  it('PLCN_v2 generic Python (Pelican): rule lists, tags', () => {
    const d = importEgg(fixture('plcn_v2-python-generic.pelican-eggs.json'));
    assert.equal(d.source.format, 'PLCN_v2');
    assert.equal(d.tags, undefined, 'empty tags are dropped');
    assert.equal(d.images[0].label, 'Python 3.14');
    assert.deepEqual(d.startupDone, ['change this part']);
    assert.deepEqual(d.stop, { type: 'signal', value: 'SIGINT' });
    const auto = d.variables.find((v) => v.envVariable === 'AUTO_UPDATE');
    assert.equal(auto?.rules, 'required|boolean');
    assert.equal(auto?.defaultValue, '0');
    assert.equal(d.variables.find((v) => v.envVariable === 'PY_PACKAGES')?.rules, 'nullable|string');
    assert.match(d.startup, /\{\{PY_FILE\}\}$/);
    assert.deepEqual(validateDefinition(d), []);
  });

  it('PLCN_v3 Passage: startup_commands map, yaml config file, no variables', () => {
    const d = importEgg(fixture('plcn_v3-passage.json'));
    assert.equal(d.source.format, 'PLCN_v3');
    assert.equal(d.startup, './passage');
    assert.equal(d.startupAlternatives, undefined);
    assert.deepEqual(d.configFiles, [{ file: 'config/config.yml', parser: 'yaml', find: { address: '0.0.0.0:{{server.allocations.default.port}}' } }]);
    assert.deepEqual(d.startupDone, []);
    assert.deepEqual(d.variables, []);
    assert.equal(d.install?.image, 'ghcr.io/pelican-eggs/installers:debian');
    assert.deepEqual(validateDefinition(d), []);
  });

  it('PLCN_v3 with several startup commands, config as objects (YAML-derived) and tags', () => {
    const egg = fixture('plcn_v3-passage.json');
    egg.startup_commands = { Default: './passage', Debug: 'RUST_LOG=debug ./passage' };
    egg.tags = ['minecraft', 'proxy'];
    egg.config = { files: { 'a.json': { parser: 'json', find: { port: '{{server.allocations.default.port}}' } } }, startup: { done: 'Listening' }, stop: '^SIGTERM' };
    const d = importEgg(egg);
    assert.equal(d.startup, './passage');
    assert.deepEqual(d.startupAlternatives, [{ label: 'Debug', command: 'RUST_LOG=debug ./passage' }]);
    assert.deepEqual(d.tags, ['minecraft', 'proxy']);
    assert.deepEqual(d.configFiles[0], { file: 'a.json', parser: 'json', find: { port: '{{server.allocations.default.port}}' } });
    assert.deepEqual(d.startupDone, ['Listening']);
    assert.deepEqual(d.stop, { type: 'signal', value: 'SIGTERM' });
    assert.deepEqual(importEgg(exportEgg(d)), d);
  });

  it('legacy PTDL_v1 with a single `image`, 0/1 booleans and PHP empty arrays', () => {
    const d = importEgg({
      meta: { version: 'PTDL_v1' },
      name: 'Old',
      image: 'quay.io/pterodactyl/core:java',
      startup: 'java -jar {{JAR}}',
      config: { files: '[]', startup: '{"done": "Done", "userInteraction": []}', logs: '[]', stop: 'end', extends: null },
      scripts: { installation: { script: null, container: 'alpine:3.4', entrypoint: 'ash' } },
      variables: [{ name: 'Jar', description: null, env_variable: 'JAR', default_value: 'server.jar', user_viewable: 1, user_editable: 0, rules: 'required' }],
    });
    assert.deepEqual(d.images, [{ label: 'quay.io/pterodactyl/core:java', ref: 'quay.io/pterodactyl/core:java' }]);
    assert.equal(d.install, null);
    assert.deepEqual(d.configFiles, []);
    assert.equal(d.variables[0].userViewable, true);
    assert.equal(d.variables[0].userEditable, false);
    assert.equal(d.variables[0].description, '');
    assert.equal(d.description, '');
    assert.equal(d.author, undefined);
  });

  it('stop values follow Wings', () => {
    assert.deepEqual(parseEggStop('stop'), { type: 'command', value: 'stop' });
    assert.deepEqual(parseEggStop('^C'), { type: 'signal', value: 'SIGINT' });
    assert.deepEqual(parseEggStop('^SIGINT'), { type: 'signal', value: 'SIGINT' });
    assert.deepEqual(parseEggStop('^SIGTERM'), { type: 'signal', value: 'SIGTERM' });
    assert.deepEqual(parseEggStop('^sigabrt'), { type: 'signal', value: 'SIGABRT' });
    assert.deepEqual(parseEggStop('^^C'), { type: 'signal', value: 'SIGKILL' });
    assert.deepEqual(parseEggStop('^X'), { type: 'signal', value: 'SIGKILL' });
    assert.deepEqual(parseEggStop(''), { type: 'signal', value: 'SIGTERM' });
    for (const s of ['stop', '^C', '^SIGTERM', '^SIGABRT', '^SIGKILL']) assert.deepEqual(parseEggStop(formatEggStop(parseEggStop(s))), parseEggStop(s));
    assert.equal(formatEggStop({ type: 'signal', value: 'SIGINT' }), '^C');
  });

  it('stopTimeoutSeconds is optional, a whole number from 1 to 3600', () => {
    const base = BUILTIN_TEMPLATES['echo-server'];
    for (const ok of [undefined, 1, 30, 3_600]) assert.deepEqual(validateDefinition({ ...base, stopTimeoutSeconds: ok }), [], String(ok));
    for (const bad of [0, -1, 1.5, 3_601, Number.NaN]) {
      assert.deepEqual(validateDefinition({ ...base, stopTimeoutSeconds: bad }), ['stopTimeoutSeconds: must be a whole number of seconds from 1 to 3600'], String(bad));
    }
  });
});

describe('egg export', () => {
  for (const name of ALL_FIXTURES) {
    it(`round-trips ${name}: import → export → import is equal`, () => {
      const d = importEgg(fixture(name));
      const egg = exportEgg(d);
      assert.equal((egg.meta as { version: string }).version, 'PTDL_v2');
      assert.deepEqual(importEgg(egg), d);
      assert.deepEqual(importEgg(JSON.stringify(egg)), d, 'also from JSON text');
    });
  }

  for (const [id, def] of Object.entries(BUILTIN_TEMPLATES)) {
    it(`round-trips built-in ${id}`, () => {
      assert.deepEqual(importEgg(exportEgg(def)), def);
    });
  }

  it('produces valid PTDL_v2 shapes (JSON strings for config, email author, no x-outpost when asked)', () => {
    const d = importEgg(fixture('ptdl_v2-paper.pelican.json'));
    const egg = exportEgg(d, { exportedAt: '2026-01-01T00:00:00+00:00', outpostExtension: false });
    assert.equal(egg.exported_at, '2026-01-01T00:00:00+00:00');
    assert.equal(egg[OUTPOST_EXTENSION_KEY], undefined);
    const config = egg.config as Record<string, string>;
    for (const k of ['files', 'startup', 'logs', 'stop']) assert.equal(typeof config[k], 'string', `config.${k}`);
    assert.deepEqual(JSON.parse(config.startup), { done: ')! For help, type ' });
    assert.equal(config.stop, 'stop');
    assert.deepEqual(Object.keys(egg.docker_images as object), ['Java 21', 'Java 17', 'Java 16', 'Java 11', 'Java 8']);
    const v = (egg.variables as Array<Record<string, unknown>>)[0];
    assert.deepEqual(Object.keys(v).sort(), ['default_value', 'description', 'env_variable', 'field_type', 'name', 'rules', 'user_editable', 'user_viewable']);
    // Without x-outpost only the origin differs; eggs carry no resource defaults anyway.
    const back = importEgg(egg);
    assert.deepEqual({ ...back, source: d.source }, d);
    assert.equal(back.source.format, 'PTDL_v2');

    const echo = exportEgg(BUILTIN_TEMPLATES['echo-server']);
    assert.match(echo.author as string, /@/);
    assert.deepEqual((echo.scripts as { installation: Record<string, unknown> }).installation.script, null);
    assert.deepEqual((echo[OUTPOST_EXTENSION_KEY] as { defaults: unknown }).defaults, BUILTIN_TEMPLATES['echo-server'].defaults);
  });

  it('keeps a missing author missing across the round trip', () => {
    const d = importEgg({ ...fixture('plcn_v3-passage.json'), author: null });
    assert.equal(d.author, undefined);
    const egg = exportEgg(d);
    assert.match(egg.author as string, /@/, 'panels require an e-mail author');
    assert.equal(importEgg(egg).author, undefined);
  });

  it('rejects a malformed x-outpost block', () => {
    const egg = exportEgg(BUILTIN_TEMPLATES['echo-server']);
    assertEggError({ ...egg, [OUTPOST_EXTENSION_KEY]: { version: 2 } }, 'x-outpost.version', /unsupported extension version 2/);
    assertEggError({ ...egg, [OUTPOST_EXTENSION_KEY]: { version: 1, defaults: { memoryMiB: -1, cpuPercent: 1, diskMiB: 1, pids: 1, ports: [] } } }, 'x-outpost.defaults', /memoryMiB/);
  });
});

describe('egg import: malformed input', () => {
  const base = (): Record<string, unknown> => fixture('ptdl_v2-paper.pelican.json');

  it('not an object / not JSON', () => {
    assertEggError('{not json', '(root)', /not valid JSON/);
    assertEggError([1, 2], '(root)', /must be a JSON object, got an array/);
    assertEggError(null, '(root)', /got null/);
  });

  it('unknown or missing meta.version', () => {
    assertEggError({ ...base(), meta: { version: 'PTDL_v9' } }, 'meta.version', /unsupported egg format "PTDL_v9"; expected one of PTDL_v1, PTDL_v2, PLCN_v1, PLCN_v2, PLCN_v3/);
    assertEggError({ ...base(), meta: {} }, 'meta.version', /\(missing\)/);
    const noMeta = base();
    delete noMeta.meta;
    assertEggError(noMeta, 'meta', /required/);
  });

  it('missing or empty startup', () => {
    const egg = base();
    delete egg.startup;
    assertEggError(egg, 'startup', /required \(the startup command\)/);
    assertEggError({ ...base(), startup: '   ' }, 'startup', /non-empty string/);
    assertEggError({ ...base(), startup: 42 }, 'startup', /got a number/);
    const v3 = fixture('plcn_v3-passage.json');
    delete v3.startup_commands;
    assertEggError(v3, 'startup_commands', /required/);
    assertEggError({ ...fixture('plcn_v3-passage.json'), startup_commands: {} }, 'startup_commands', /at least one/);
    assertEggError({ ...fixture('plcn_v3-passage.json'), startup_commands: { Default: 3 } }, 'startup_commands["Default"]', /non-empty command/);
  });

  it('docker_images not an object, empty, or with a bad entry', () => {
    assertEggError({ ...base(), docker_images: ['ghcr.io/x:y'] }, 'docker_images', /must be an object mapping label → image reference, got an array/);
    assertEggError({ ...base(), docker_images: 'ghcr.io/x:y' }, 'docker_images', /got a string/);
    assertEggError({ ...base(), docker_images: {} }, 'docker_images', /at least one image/);
    assertEggError({ ...base(), docker_images: [] }, 'docker_images', /at least one image/);
    assertEggError({ ...base(), docker_images: { 'Java 21': '' } }, 'docker_images["Java 21"]', /non-empty image reference/);
    const egg = base();
    delete egg.docker_images;
    assertEggError(egg, 'docker_images', /required/);
    const v1 = fixture('ptdl_v1-paper.pterodactyl.json');
    assertEggError({ ...v1, images: 'x' }, 'images', /must be an array/);
  });

  it('config fields: invalid JSON strings, wrong types, unknown parser, extends', () => {
    const withConfig = (patch: Record<string, unknown>): Record<string, unknown> => {
      const egg = base();
      egg.config = { ...(egg.config as object), ...patch };
      return egg;
    };
    assertEggError(withConfig({ startup: '{"done": ")! For help' }), 'config.startup', /not valid JSON/);
    assertEggError(withConfig({ startup: '"done"' }), 'config.startup', /must be a JSON object, got a string/);
    assertEggError(withConfig({ startup: '{"done": 5}' }), 'config.startup.done', /string or an array of strings/);
    assertEggError(withConfig({ startup: '{"done": ["ok", 5]}' }), 'config.startup.done[1]', /must be a string/);
    assertEggError(withConfig({ files: '{oops' }), 'config.files', /not valid JSON/);
    assertEggError(withConfig({ files: '{"a.txt": {"parser": "toml", "find": {}}}' }), 'config.files["a.txt"].parser', /must be one of properties, json, yaml, ini, xml, file, got "toml"/);
    assertEggError(withConfig({ files: '{"a.txt": {"parser": "file", "find": "x"}}' }), 'config.files["a.txt"].find', /must be an object/);
    assertEggError(withConfig({ files: '{"a.txt": 1}' }), 'config.files["a.txt"]', /must be an object/);
    assertEggError(withConfig({ stop: 5 }), 'config.stop', /must be a string/);
    assertEggError(withConfig({ stop: 'stop\nrm -rf /' }), 'config.stop', /single line/);
    assertEggError(withConfig({ extends: 3 }), 'config.extends', /not supported/);
    assertEggError({ ...base(), config: 'x' }, 'config', /required \(an object\)/);
  });

  it('scripts and variables', () => {
    assertEggError({ ...base(), scripts: { installation: { script: 'echo hi' } } }, 'scripts.installation.container', /required/);
    assertEggError({ ...base(), scripts: { installation: { script: 'echo', container: 'alpine', entrypoint: 7 } } }, 'scripts.installation.entrypoint', /must be a string/);
    assertEggError({ ...base(), variables: {} }, 'variables', /must be an array, got a object/);
    const vars = (): Array<Record<string, unknown>> => clone(base().variables as Array<Record<string, unknown>>);
    let v = vars();
    v[1].env_variable = 'BAD-NAME';
    assertEggError({ ...base(), variables: v }, 'variables[1].env_variable', /not a valid environment variable name/);
    v = vars();
    delete v[0].env_variable;
    assertEggError({ ...base(), variables: v }, 'variables[0].env_variable', /required/);
    v = vars();
    v[2].user_editable = 'maybe';
    assertEggError({ ...base(), variables: v }, 'variables[2].user_editable', /must be a boolean, got "maybe"/);
    v = vars();
    v[3].rules = { required: true };
    assertEggError({ ...base(), variables: v }, 'variables[3].rules', /string or an array of strings/);
    v = vars();
    v[3].rules = ['required', 5];
    assertEggError({ ...base(), variables: v }, 'variables[3].rules[1]', /must be a string/);
    v = vars();
    v[0].default_value = { a: 1 };
    assertEggError({ ...base(), variables: v }, 'variables[0].default_value', /must be a string/);
    assertEggError({ ...base(), features: 'eula' }, 'features', /array of strings/);
    assertEggError({ ...base(), name: '' }, 'name', /required/);
  });
});

describe('renderStartup', () => {
  const def: Pick<WorkloadDefinition, 'startup' | 'variables'> = {
    startup: 'java -Xmx{{SERVER_MEMORY}}M -jar {{SERVER_JARFILE}} --port {{env.SERVER_PORT}} --ip {{ SERVER_IP }} --motd "{{env.MOTD}}"',
    variables: [
      { name: 'Jar', description: '', envVariable: 'SERVER_JARFILE', defaultValue: 'server.jar', userViewable: true, userEditable: true, rules: 'required', fieldType: 'text' },
      { name: 'MOTD', description: '', envVariable: 'MOTD', defaultValue: 'Hello', userViewable: true, userEditable: true, rules: '', fieldType: 'text' },
    ],
  };
  const builtins = { SERVER_MEMORY: '1024', SERVER_PORT: '25565', SERVER_IP: '0.0.0.0' };

  it('substitutes {{VAR}}, {{env.VAR}} and built-ins, using defaults for unset variables', () => {
    assert.equal(renderStartup(def, { ...builtins, MOTD: 'Hi there' }), 'java -Xmx1024M -jar server.jar --port 25565 --ip 0.0.0.0 --motd "Hi there"');
    assert.equal(renderStartup(def, { ...builtins, SERVER_JARFILE: 'paper.jar' }), 'java -Xmx1024M -jar paper.jar --port 25565 --ip 0.0.0.0 --motd "Hello"');
  });

  it('does not re-expand placeholders inside substituted values', () => {
    assert.equal(renderStartup({ startup: '{{A}} {{B}}', variables: [v('A'), v('B')] }, { A: '{{B}}', B: 'b' }), '{{B}} b');
  });

  it('refuses unknown placeholders and missing built-ins, naming them', () => {
    assert.throws(
      () => renderStartup({ ...def, startup: 'run {{NOPE}} {{env.ALSO_NOPE}} {{server.build.memory}} {{SERVER_MEMORY}}' }, {}),
      (e: unknown) => {
        assert.ok(e instanceof StartupRenderError);
        assert.deepEqual(e.unknown, ['NOPE', 'ALSO_NOPE', 'server.build.memory']);
        assert.deepEqual(e.missing, ['SERVER_MEMORY']);
        assert.match(e.message, /unknown placeholders: \{\{NOPE\}\}, \{\{ALSO_NOPE\}\}, \{\{server\.build\.memory\}\}/);
        assert.match(e.message, /no value given for built-in: SERVER_MEMORY/);
        return true;
      },
    );
  });

  it('renders every fixture with defaults and built-ins', () => {
    for (const name of ALL_FIXTURES) {
      const d = importEgg(fixture(name));
      assert.doesNotMatch(renderStartup(d, builtins), /\{\{/, name);
    }
  });
});

function v(env: string, rules = '', extra: Partial<WorkloadDefinition['variables'][number]> = {}): WorkloadDefinition['variables'][number] {
  return { name: env, description: '', envVariable: env, defaultValue: '', userViewable: true, userEditable: true, rules, fieldType: 'text', ...extra };
}

/** Error codes for one value under `rules`. */
function codes(rules: string, value: string): string[] {
  return evaluateRules('X', 'variables.X', rules, value).map((e) => e.code);
}

describe('variable rules', () => {
  it('required / nullable / empty values skip other rules (Laravel)', () => {
    assert.deepEqual(codes('required|string', ''), ['required']);
    assert.deepEqual(codes('required', '   '), ['required']);
    assert.deepEqual(codes('nullable|string|max:3', ''), []);
    assert.deepEqual(codes('string|integer', ''), [], 'non-implicit rules skip empty values');
    assert.deepEqual(codes('required|string', 'x'), []);
  });

  it('integer / numeric', () => {
    assert.deepEqual(codes('integer', '42'), []);
    assert.deepEqual(codes('integer', '-7'), []);
    assert.deepEqual(codes('integer', '4.2'), ['integer']);
    assert.deepEqual(codes('integer', '012'), ['integer']);
    assert.deepEqual(codes('integer', 'abc'), ['integer']);
    assert.deepEqual(codes('numeric', '4.2'), []);
    assert.deepEqual(codes('numeric', '-1e3'), []);
    assert.deepEqual(codes('numeric', '.5'), []);
    assert.deepEqual(codes('numeric', '1.2.3'), ['numeric']);
  });

  it('boolean accepts only 0 and 1', () => {
    assert.deepEqual(codes('boolean', '1'), []);
    assert.deepEqual(codes('boolean', '0'), []);
    assert.deepEqual(codes('boolean', 'true'), ['boolean']);
    assert.deepEqual(codes('boolean', 'yes'), ['boolean']);
  });

  it('in / not_in (with quoted values)', () => {
    assert.deepEqual(codes('in:survival,creative,adventure', 'creative'), []);
    assert.deepEqual(codes('in:survival,creative', 'hardcore'), ['in']);
    assert.deepEqual(codes('in:"a,b",c', 'a,b'), []);
    assert.deepEqual(codes('not_in:root,admin', 'admin'), ['not_in']);
    assert.deepEqual(codes('not_in:root,admin', 'bob'), []);
  });

  it('between / min / max / size: numeric with integer|numeric, else length', () => {
    assert.deepEqual(codes('integer|between:1,100', '100'), []);
    assert.deepEqual(codes('integer|between:1,100', '101'), ['between']);
    assert.deepEqual(codes('integer|between:1,100', '0'), ['between']);
    assert.deepEqual(codes('string|between:3,5', 'abcd'), []);
    assert.deepEqual(codes('string|between:3,5', '100'), [], 'length 3, not value 100');
    assert.deepEqual(codes('string|between:3,5', 'abcdef'), ['between']);
    assert.deepEqual(codes('numeric|min:10', '9.5'), ['min']);
    assert.deepEqual(codes('numeric|min:10', '10'), []);
    assert.deepEqual(codes('string|min:3', 'ab'), ['min']);
    assert.deepEqual(codes('string|max:20', 'x'.repeat(20)), []);
    assert.deepEqual(codes('string|max:20', 'x'.repeat(21)), ['max']);
    assert.deepEqual(codes('max:3', 'ééé'), [], 'length counts characters, not bytes');
    assert.deepEqual(codes('integer|max:64', '65'), ['max']);
    assert.deepEqual(codes('size:4', 'abcd'), []);
    assert.deepEqual(codes('integer|size:4', '4'), []);
    assert.deepEqual(codes('integer|size:4', 'abcd'), ['integer']);
    assert.deepEqual(codes('digits:4', '0123'), []);
    assert.deepEqual(codes('digits_between:2,3', '1'), ['digits_between']);
  });

  it('regex / not_regex, including pipes inside the pattern and flags', () => {
    const jar = 'required|regex:/^([\\w\\d._-]+)(\\.jar)$/';
    assert.deepEqual(codes(jar, 'server.jar'), []);
    assert.deepEqual(codes(jar, 'server.zip'), ['regex']);
    assert.deepEqual(codes(jar, 'bad name.jar'), ['regex']);
    assert.deepEqual(parseRules('required|regex:/^(a|b)$/|max:1'), [{ name: 'required' }, { name: 'regex', param: '/^(a|b)$/' }, { name: 'max', param: '1' }]);
    assert.deepEqual(codes('required|regex:/^(a|b)$/|max:1', 'b'), []);
    assert.deepEqual(codes('required|regex:/^(a|b)$/|max:1', 'c'), ['regex']);
    assert.deepEqual(codes('regex:/^abc$/i', 'ABC'), []);
    assert.deepEqual(codes('regex:#^a/b$#', 'a/b'), []);
    assert.deepEqual(codes('not_regex:/^root$/', 'root'), ['not_regex']);
    assert.deepEqual(codes('regex:/^(?P<v>\\d+)$/', '12'), [], 'PCRE named groups are converted');
  });

  it('regex safety: invalid patterns, too-long patterns and catastrophic backtracking', () => {
    assert.deepEqual(codes('regex:/^(ab$/', 'ab'), ['invalid_rule']);
    assert.deepEqual(codes('regex:^abc$', 'abc'), ['invalid_rule'], 'missing delimiter');
    assert.deepEqual(codes('regex:/a/x', 'a'), ['invalid_rule'], 'unsupported modifier');
    assert.deepEqual(codes(`regex:/${'a'.repeat(600)}/`, 'a'), ['invalid_rule']);
    assert.throws(() => compilePhpRegex('/(/'), /invalid regular expression/);
    // regex_timeout (not a match result) shows the run was cut off; how fast is not asserted here.
    assert.deepEqual(codes('regex:/^(a+)+$/', 'a'.repeat(40) + 'b'), ['regex_timeout']);
    assert.equal(safeRegexTest(/^a+$/, 'aaa'), true);
    assert.equal(safeRegexTest(/^(a|a)*$/, 'a'.repeat(40) + 'b', 20), null);
  });

  it('alpha_dash / alpha / alpha_num / url', () => {
    assert.deepEqual(codes('alpha_dash', 'my-world_2'), []);
    assert.deepEqual(codes('alpha_dash', 'my world'), ['alpha_dash']);
    assert.deepEqual(codes('alpha_dash', 'a;b'), ['alpha_dash']);
    assert.deepEqual(codes('alpha', 'Welt'), []);
    assert.deepEqual(codes('alpha', 'abc1'), ['alpha']);
    assert.deepEqual(codes('alpha_num', 'abc1'), []);
    assert.deepEqual(codes('url', 'https://github.com/user/repo'), []);
    assert.deepEqual(codes('url', 'git@github.com:user/repo'), ['url']);
    assert.deepEqual(codes('url', 'not a url'), ['url']);
    assert.deepEqual(codes('nullable|url', ''), []);
  });

  it('checkRules reports unknown rules and bad parameters', () => {
    assert.deepEqual(checkRules('required|string|max:20'), []);
    assert.deepEqual(checkRules('required|frobnicate'), ['unsupported rule "frobnicate"']);
    assert.deepEqual(checkRules('max'), ['rule "max" needs a parameter']);
    assert.deepEqual(checkRules('between:5'), ['rule "between" needs "min,max" numbers, got "5"']);
    assert.deepEqual(checkRules('min:abc'), ['rule "min" needs a number, got "abc"']);
    assert.match(checkRules('regex:/(/')[0], /rule "regex": invalid regular expression/);
  });
});

describe('validateVariableValues', () => {
  const echo = BUILTIN_TEMPLATES['echo-server'];
  const def: Pick<WorkloadDefinition, 'variables'> = {
    variables: [
      v('MOTD', 'required|string|max:10', { defaultValue: 'Welcome' }),
      v('MAX_PLAYERS', 'required|integer|between:1,100', { defaultValue: '10' }),
      v('SECRET_URL', 'nullable|url', { userViewable: false, userEditable: false }),
      v('VISIBLE_LOCKED', 'required|string', { defaultValue: 'fixed', userEditable: false }),
    ],
  };

  it('applies defaults', () => {
    const r = validateVariableValues(def, {}, { asAdmin: false });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.values, { MOTD: 'Welcome', MAX_PLAYERS: '10', SECRET_URL: '', VISIBLE_LOCKED: 'fixed' });
    assert.deepEqual(validateVariableValues(echo, {}, { asAdmin: false }).values, { MOTD: 'Welcome', MAX_PLAYERS: '10' });
  });

  it('accepts valid edits and reports rule failures with path and code', () => {
    const ok = validateVariableValues(def, { MOTD: 'Hi', MAX_PLAYERS: '50' }, { asAdmin: false });
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.values.MAX_PLAYERS, '50');
    const bad = validateVariableValues(def, { MOTD: '', MAX_PLAYERS: '500' }, { asAdmin: false });
    assert.deepEqual(
      bad.errors.map((e) => [e.path, e.code]),
      [
        ['variables.MOTD', 'required'],
        ['variables.MAX_PLAYERS', 'between'],
      ],
    );
    assert.match(bad.errors[1].message, /MAX_PLAYERS variable must be between 1 and 100/);
  });

  it('refuses user edits of non-editable or hidden variables, allows them for admins', () => {
    const user = validateVariableValues(def, { SECRET_URL: 'https://x.example/a', VISIBLE_LOCKED: 'changed' }, { asAdmin: false });
    assert.deepEqual(
      user.errors.map((e) => [e.path, e.code]),
      [
        ['variables.SECRET_URL', 'not_editable'],
        ['variables.VISIBLE_LOCKED', 'not_editable'],
      ],
    );
    assert.equal(user.values.SECRET_URL, '', 'refused edits keep the old value');
    assert.equal(user.values.VISIBLE_LOCKED, 'fixed');
    const admin = validateVariableValues(def, { SECRET_URL: 'https://x.example/a', VISIBLE_LOCKED: 'changed' }, { asAdmin: true });
    assert.deepEqual(admin.errors, []);
    assert.equal(admin.values.SECRET_URL, 'https://x.example/a');
    assert.deepEqual(
      validateVariableValues(def, { SECRET_URL: 'nope' }, { asAdmin: true }).errors.map((e) => e.code),
      ['url'],
      'admins still obey rules',
    );
  });

  it('re-sending an unchanged locked value is not an edit; current values are the base', () => {
    const current = { MOTD: 'Old', MAX_PLAYERS: '20', SECRET_URL: 'https://a.example', VISIBLE_LOCKED: 'fixed' };
    const r = validateVariableValues(def, { SECRET_URL: 'https://a.example', VISIBLE_LOCKED: 'fixed', MOTD: 'New' }, { asAdmin: false, current });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.values, { MOTD: 'New', MAX_PLAYERS: '20', SECRET_URL: 'https://a.example', VISIBLE_LOCKED: 'fixed' });
  });

  it('unknown variables, non-string values, NUL characters and overlong values', () => {
    const r = validateVariableValues(def, { NOPE: 'x', MAX_PLAYERS: 12, MOTD: 'a\0b' }, { asAdmin: false });
    assert.deepEqual(
      r.errors.map((e) => [e.path, e.code]),
      [
        ['variables.NOPE', 'unknown_variable'],
        ['variables.MOTD', 'invalid_characters'],
      ],
    );
    assert.equal(r.values.MAX_PLAYERS, '12', 'numbers are accepted as their string form');
    assert.deepEqual(
      validateVariableValues(def, { MOTD: { x: 1 } }, { asAdmin: false }).errors.map((e) => e.code),
      ['string'],
    );
    assert.deepEqual(
      validateVariableValues(def, { MOTD: 'x'.repeat(9000) }, { asAdmin: true }).errors.map((e) => e.code),
      ['too_long'],
    );
  });

  it('evaluates real egg variables (Paper)', () => {
    const paper = importEgg(fixture('ptdl_v2-paper.pelican.json'));
    assert.deepEqual(validateVariableValues(paper, { SERVER_JARFILE: 'paper-1.21.jar', MINECRAFT_VERSION: '1.21.4' }, { asAdmin: false }).errors, []);
    assert.deepEqual(
      validateVariableValues(paper, { SERVER_JARFILE: 'paper.zip', BUILD_NUMBER: 'x'.repeat(21), DL_PATH: 'https://evil.example' }, { asAdmin: false }).errors.map((e) => [e.path, e.code]),
      [
        ['variables.SERVER_JARFILE', 'regex'],
        ['variables.DL_PATH', 'not_editable'],
        ['variables.BUILD_NUMBER', 'max'],
      ],
    );
  });
});

describe('buildEnvironment', () => {
  it('sets TZ, STARTUP (unexpanded), built-ins, then variables with defaults, like Wings', () => {
    const echo = BUILTIN_TEMPLATES['echo-server'];
    const env = buildEnvironment(echo, { MOTD: 'Hi' }, { SERVER_MEMORY: 64, SERVER_IP: '0.0.0.0', SERVER_PORT: 25565, TZ: 'UTC', P_SERVER_UUID: 'abc' });
    assert.deepEqual(env, {
      TZ: 'UTC',
      STARTUP: '/srv/echo-server.sh',
      SERVER_MEMORY: '64',
      SERVER_IP: '0.0.0.0',
      SERVER_PORT: '25565',
      P_SERVER_UUID: 'abc',
      MOTD: 'Hi',
      MAX_PLAYERS: '10',
    });
    assert.deepEqual(Object.keys(env).slice(0, 2), ['TZ', 'STARTUP']);
  });

  it('keeps placeholders in STARTUP, never lets a variable override a built-in, ignores undeclared values', () => {
    const def = { startup: 'java -jar {{JAR}}', variables: [v('JAR', '', { defaultValue: 'server.jar' }), v('SERVER_PORT')] };
    const env = buildEnvironment(def, { SERVER_PORT: '1', OTHER: 'x' }, { SERVER_MEMORY: '512', SERVER_IP: '10.0.0.1', SERVER_PORT: '30000' });
    assert.equal(env.STARTUP, 'java -jar {{JAR}}');
    assert.equal(env.SERVER_PORT, '30000');
    assert.equal(env.JAR, 'server.jar');
    assert.equal(env.OTHER, undefined);
    assert.throws(() => buildEnvironment(def, { JAR: 'a\0b' }, { SERVER_MEMORY: 1, SERVER_IP: 'x', SERVER_PORT: 1 }), /NUL/);
  });
});

describe('validateDefinition and built-in templates', () => {
  it('built-in templates validate clean and are frozen', () => {
    assert.deepEqual(Object.keys(BUILTIN_TEMPLATES).sort(), ['busybox-shell', 'echo-server', 'minecraft-paper']);
    for (const [id, def] of Object.entries(BUILTIN_TEMPLATES)) {
      assert.deepEqual(validateDefinition(def), [], id);
      assert.ok(Object.isFrozen(def) && Object.isFrozen(def.variables[0]), `${id} frozen`);
    }
    const copy = getBuiltinTemplate('echo-server');
    assert.ok(copy && !Object.isFrozen(copy));
    copy.name = 'changed';
    assert.equal(BUILTIN_TEMPLATES['echo-server'].name, 'Echo server');
    assert.equal(getBuiltinTemplate('nope'), undefined);
    assert.equal(getBuiltinTemplate('__proto__'), undefined);
  });

  it('echo-server matches the local echo image contract', () => {
    const e = BUILTIN_TEMPLATES['echo-server'];
    assert.equal(e.images[0].ref, 'outpost/echo-server:local');
    assert.equal(e.startup, '/srv/echo-server.sh');
    assert.deepEqual(e.stop, { type: 'command', value: 'stop' });
    assert.deepEqual(e.startupDone, ['Done! Server ready']);
    assert.deepEqual(e.defaults, { memoryMiB: 64, cpuPercent: 50, diskMiB: 256, pids: 64, ports: [{ name: 'game', containerPort: 25565, protocol: 'tcp' }] });
    assert.deepEqual(
      validateVariableValues(e, { MAX_PLAYERS: '0' }, { asAdmin: false }).errors.map((x) => x.code),
      ['between'],
    );
    assert.equal(renderStartup(e, {}), '/srv/echo-server.sh');
  });

  it('busybox-shell runs the user command', () => {
    const b = BUILTIN_TEMPLATES['busybox-shell'];
    assert.equal(b.images[0].ref, 'outpost/busybox:local');
    assert.equal(renderStartup(b, { COMMAND: 'echo hi' }), 'echo hi');
    assert.deepEqual(
      validateVariableValues(b, { COMMAND: '' }, { asAdmin: false }).errors.map((x) => x.code),
      ['required'],
    );
  });

  it('minecraft-paper mirrors the Paper egg', () => {
    const t = BUILTIN_TEMPLATES['minecraft-paper'];
    const egg = importEgg(fixture('ptdl_v2-paper.pelican.json'));
    assert.equal(t.install?.script, egg.install?.script);
    assert.deepEqual(t.images, egg.images);
    assert.equal(t.startup, egg.startup);
    assert.deepEqual(
      t.variables.map((x) => [x.envVariable, x.defaultValue, x.rules, x.userEditable]),
      egg.variables.map((x) => [x.envVariable, x.defaultValue, x.rules, x.userEditable]),
    );
    assert.deepEqual(t.startupDone, egg.startupDone);
  });

  it('reports problems precisely', () => {
    const bad = clone<WorkloadDefinition>(BUILTIN_TEMPLATES['echo-server']);
    bad.name = '';
    bad.images = [];
    bad.startup = 'run {{NOPE}}';
    bad.variables.push({ ...bad.variables[0] }, v('SERVER_PORT'), v('RULES', 'required|frobnicate'));
    bad.stop = { type: 'signal', value: 'SIGHUP' };
    bad.startupDone = [''];
    bad.configFiles = [{ file: '../etc/passwd', parser: 'toml' as never, find: {} }];
    bad.install = { image: '', entrypoint: 'ash', script: '' };
    bad.defaults = {
      memoryMiB: 0,
      cpuPercent: 50,
      diskMiB: 256,
      pids: 64,
      ports: [
        { name: 'game', containerPort: 70000, protocol: 'sctp' as never },
        { name: 'game', containerPort: 1, protocol: 'tcp' },
      ],
    };
    const problems = validateDefinition(bad);
    for (const expected of [
      'name: required',
      'images: at least one image is required',
      'variables[2].envVariable: duplicate "MOTD"',
      'variables[3].envVariable: "SERVER_PORT" is reserved',
      'variables[4].rules: unsupported rule "frobnicate"',
      'startup: unknown placeholders {{NOPE}}',
      'stop.value: signal must be one of SIGINT, SIGTERM, SIGABRT, SIGKILL',
      'startupDone: must be an array of non-empty strings',
      'configFiles[0].file: must be a relative path inside the server directory',
      'configFiles[0].parser: must be one of properties, json, yaml, ini, xml, file',
      'install.image: required',
      'install.script: required (use install: null for none)',
      'defaults.memoryMiB: must be a positive integer',
      'defaults.ports[0].containerPort: must be 0..65535',
      'defaults.ports[0].protocol: must be "tcp" or "udp"',
      'defaults.ports[1].name: duplicate "game"',
    ]) {
      assert.ok(problems.includes(expected), `expected problem "${expected}" in:\n${problems.join('\n')}`);
    }
  });

  it('flags defaults that break their own rules', () => {
    const d = clone<WorkloadDefinition>(BUILTIN_TEMPLATES['echo-server']);
    d.variables[1].defaultValue = '1000';
    assert.deepEqual(validateDefinition(d), ['variables.MAX_PLAYERS.defaultValue: The Max players variable must be between 1 and 100.']);
  });

  it('definitions are JSON-serialisable', () => {
    for (const def of Object.values(BUILTIN_TEMPLATES)) assert.deepEqual(JSON.parse(JSON.stringify(def)), def);
  });
});
