/**
 * Templates Outpost ships with. `echo-server` and `busybox-shell` run on locally built images (no
 * registry needed, used by tests and demos); `minecraft-paper` mirrors the Pelican Paper egg
 * (fixtures/ptdl_v2-paper.pelican.json) with fixed container ports instead of Wings-style allocations.
 */
import { WorkloadDefinition, normalizeDefinition } from './workload-definition';

const AUTHOR = 'templates@outpost.invalid';

// Paper egg's install script, verbatim apart from LF line endings.
const PAPER_INSTALL_SCRIPT = [
  '#!/bin/ash',
  '# Paper Installation Script',
  '#',
  '# Server Files: /mnt/server',
  'PROJECT=paper',
  '',
  'if [ -n "${DL_PATH}" ]; then',
  '\techo -e "Using supplied download url: ${DL_PATH}"',
  "\tDOWNLOAD_URL=`eval echo $(echo ${DL_PATH} | sed -e 's/{{/${/g' -e 's/}}/}/g')`",
  'else',
  "\tVER_EXISTS=`curl -s https://api.papermc.io/v2/projects/${PROJECT} | jq -r --arg VERSION $MINECRAFT_VERSION '.versions[] | contains($VERSION)' | grep -m1 true`",
  "\tLATEST_VERSION=`curl -s https://api.papermc.io/v2/projects/${PROJECT} | jq -r '.versions' | jq -r '.[-1]'`",
  '',
  '\tif [ "${VER_EXISTS}" == "true" ]; then',
  '\t\techo -e "Version is valid. Using version ${MINECRAFT_VERSION}"',
  '\telse',
  '\t\techo -e "Specified version not found. Defaulting to the latest ${PROJECT} version"',
  '\t\tMINECRAFT_VERSION=${LATEST_VERSION}',
  '\tfi',
  '',
  "\tBUILD_EXISTS=`curl -s https://api.papermc.io/v2/projects/${PROJECT}/versions/${MINECRAFT_VERSION} | jq -r --arg BUILD ${BUILD_NUMBER} '.builds[] | tostring | contains($BUILD)' | grep -m1 true`",
  "\tLATEST_BUILD=`curl -s https://api.papermc.io/v2/projects/${PROJECT}/versions/${MINECRAFT_VERSION} | jq -r '.builds' | jq -r '.[-1]'`",
  '',
  '\tif [ "${BUILD_EXISTS}" == "true" ]; then',
  '\t\techo -e "Build is valid for version ${MINECRAFT_VERSION}. Using build ${BUILD_NUMBER}"',
  '\telse',
  '\t\techo -e "Using the latest ${PROJECT} build for version ${MINECRAFT_VERSION}"',
  '\t\tBUILD_NUMBER=${LATEST_BUILD}',
  '\tfi',
  '',
  '\tJAR_NAME=${PROJECT}-${MINECRAFT_VERSION}-${BUILD_NUMBER}.jar',
  '',
  '\techo "Version being downloaded"',
  '\techo -e "MC Version: ${MINECRAFT_VERSION}"',
  '\techo -e "Build: ${BUILD_NUMBER}"',
  '\techo -e "JAR Name of Build: ${JAR_NAME}"',
  '\tDOWNLOAD_URL=https://api.papermc.io/v2/projects/${PROJECT}/versions/${MINECRAFT_VERSION}/builds/${BUILD_NUMBER}/downloads/${JAR_NAME}',
  'fi',
  '',
  'cd /mnt/server',
  '',
  'echo -e "Running curl -o ${SERVER_JARFILE} ${DOWNLOAD_URL}"',
  '',
  'if [ -f ${SERVER_JARFILE} ]; then',
  '\tmv ${SERVER_JARFILE} ${SERVER_JARFILE}.old',
  'fi',
  '',
  'curl -o ${SERVER_JARFILE} ${DOWNLOAD_URL}',
  '',
  'if [ ! -f server.properties ]; then',
  '    echo -e "Downloading MC server.properties"',
  '    curl -o server.properties https://raw.githubusercontent.com/parkervcp/eggs/master/minecraft/java/server.properties',
  'fi',
].join('\n');

const echoServer: WorkloadDefinition = {
  name: 'Echo server',
  description: 'Tiny test workload: prints "Done! Server ready", echoes console lines as "echo: <line>", ' + '"stop" stops it, "crash" exits 3, "alloc <MiB>" allocates memory.',
  author: AUTHOR,
  images: [{ label: 'Echo server (local)', ref: 'outpost/echo-server:local' }],
  startup: '/srv/echo-server.sh',
  variables: [
    {
      name: 'Message of the day',
      description: 'Greeting the server prints on start.',
      envVariable: 'MOTD',
      defaultValue: 'Welcome',
      userViewable: true,
      userEditable: true,
      rules: 'required|string|max:64',
      fieldType: 'text',
    },
    {
      name: 'Max players',
      description: 'Player limit (1-100).',
      envVariable: 'MAX_PLAYERS',
      defaultValue: '10',
      userViewable: true,
      userEditable: true,
      rules: 'required|integer|between:1,100',
      fieldType: 'text',
    },
  ],
  stop: { type: 'command', value: 'stop' },
  startupDone: ['Done! Server ready'],
  configFiles: [],
  install: null,
  defaults: {
    memoryMiB: 64,
    cpuPercent: 50,
    diskMiB: 256,
    pids: 64,
    ports: [{ name: 'game', containerPort: 25565, protocol: 'tcp' }],
  },
  features: [],
  fileDenylist: [],
  // Observable on the console ("echo: backup-start" / "echo: backup-end"): the backup tests check them.
  backup: { beforeCommands: ['backup-start'], afterCommands: ['backup-end'] },
  source: { format: 'outpost' },
};

const busyboxShell: WorkloadDefinition = {
  name: 'Shell command (BusyBox)',
  description: 'Runs one shell command of your choice in a BusyBox container.',
  author: AUTHOR,
  images: [{ label: 'BusyBox (local)', ref: 'outpost/busybox:local' }],
  // The whole startup line is run by `sh -c`, so the variable is the command itself.
  startup: '{{COMMAND}}',
  variables: [
    {
      name: 'Command',
      description: 'Shell command to run (sh -c). It should exit on SIGTERM.',
      envVariable: 'COMMAND',
      // trap + interruptible wait: a shell as PID 1 otherwise ignores SIGTERM until killed.
      defaultValue: "trap 'exit 0' TERM INT; echo Ready; while :; do sleep 1 & wait $!; done",
      userViewable: true,
      userEditable: true,
      rules: 'required|string|max:4096',
      fieldType: 'text',
    },
  ],
  stop: { type: 'signal', value: 'SIGTERM' },
  // Arbitrary commands print nothing in particular: running as soon as started.
  startupDone: [],
  configFiles: [],
  install: null,
  defaults: { memoryMiB: 64, cpuPercent: 50, diskMiB: 256, pids: 64, ports: [] },
  features: [],
  fileDenylist: [],
  source: { format: 'outpost' },
};

const minecraftPaper: WorkloadDefinition = {
  name: 'Paper',
  description: 'High performance Spigot fork that aims to fix gameplay and mechanics inconsistencies.',
  author: AUTHOR,
  images: [
    { label: 'Java 21', ref: 'ghcr.io/parkervcp/yolks:java_21' },
    { label: 'Java 17', ref: 'ghcr.io/parkervcp/yolks:java_17' },
    { label: 'Java 16', ref: 'ghcr.io/parkervcp/yolks:java_16' },
    { label: 'Java 11', ref: 'ghcr.io/parkervcp/yolks:java_11' },
    { label: 'Java 8', ref: 'ghcr.io/parkervcp/yolks:java_8' },
  ],
  startup: 'java -Xms128M -XX:MaxRAMPercentage=95.0 -Dterminal.jline=false -Dterminal.ansi=true -jar {{SERVER_JARFILE}}',
  variables: [
    {
      name: 'Minecraft Version',
      description: 'The version of minecraft to download. Leave at latest to always get the latest version. Invalid versions will default to latest.',
      envVariable: 'MINECRAFT_VERSION',
      defaultValue: 'latest',
      userViewable: true,
      userEditable: true,
      rules: 'nullable|string|max:20',
      fieldType: 'text',
    },
    {
      name: 'Server Jar File',
      description: 'The name of the server jarfile to run the server with.',
      envVariable: 'SERVER_JARFILE',
      defaultValue: 'server.jar',
      userViewable: true,
      userEditable: true,
      rules: 'required|regex:/^([\\w\\d._-]+)(\\.jar)$/',
      fieldType: 'text',
    },
    {
      name: 'Download Path',
      description: 'A URL to use to download a server.jar rather than the ones in the install script. This is not user viewable.',
      envVariable: 'DL_PATH',
      defaultValue: '',
      userViewable: false,
      userEditable: false,
      rules: 'nullable|string',
      fieldType: 'text',
    },
    {
      name: 'Build Number',
      description: 'The build number for the paper release. Leave at latest to always get the latest version. Invalid versions will default to latest.',
      envVariable: 'BUILD_NUMBER',
      defaultValue: 'latest',
      userViewable: true,
      userEditable: true,
      rules: 'required|string|max:20',
      fieldType: 'text',
    },
  ],
  stop: { type: 'command', value: 'stop' },
  startupDone: [')! For help, type '],
  configFiles: [
    {
      file: 'server.properties',
      parser: 'properties',
      // Fixed container port (the host allocation maps onto it), unlike eggs which bind the allocation itself.
      find: { 'server-ip': '0.0.0.0', 'server-port': '25565', 'query.port': '25565' },
    },
  ],
  install: { image: 'ghcr.io/parkervcp/installers:alpine', entrypoint: 'ash', script: PAPER_INSTALL_SCRIPT },
  defaults: {
    memoryMiB: 2048,
    cpuPercent: 200,
    diskMiB: 10240,
    pids: 512,
    ports: [
      { name: 'game', containerPort: 25565, protocol: 'tcp' },
      { name: 'query', containerPort: 25565, protocol: 'udp' },
    ],
  },
  features: ['eula', 'java_version', 'pid_limit'],
  fileDenylist: [],
  // The world must not change under the archive: saving off, everything flushed, then on again.
  backup: { ignore: ['logs/', 'cache/'], beforeCommands: ['save-off', 'save-all flush'], afterCommands: ['save-on'] },
  source: { format: 'outpost' },
};

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** Built-in templates by id. Frozen: copy (getBuiltinTemplate / structuredClone) before changing. */
export const BUILTIN_TEMPLATES: Record<string, WorkloadDefinition> = deepFreeze({
  'echo-server': normalizeDefinition(echoServer),
  'busybox-shell': normalizeDefinition(busyboxShell),
  'minecraft-paper': normalizeDefinition(minecraftPaper),
});

/** A mutable copy of a built-in template, or undefined for an unknown id. */
export function getBuiltinTemplate(id: string): WorkloadDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(BUILTIN_TEMPLATES, id) ? structuredClone(BUILTIN_TEMPLATES[id]) : undefined;
}
