/**
 * Every word of briefs' help in Chinese, by command path and option. The commands are built in
 * English (the source of truth, next to their code); under --lang zh (or a Chinese locale) this
 * says them again, with commander's own headings and errors. A word missing here stays English,
 * and test/e2e/chinese.test.ts finds it.
 */
import type { Command, Help } from 'commander';

interface Entry {
  description: string;
  arguments?: Record<string, string>;
  options?: Record<string, string>;
}

const HELP_ZH: Record<string, Entry> = {
  briefs: {
    description: '把专家来稿印成《科技界情况》和《科技工作者建议》的各期。',
    options: {
      '--root': '工作区文件夹',
      '--config': '配置文件（默认：工作区中的 briefs.config.yaml）',
      '--lang': '提示语言：zh 或 en（默认取自 LANG / LC_ALL）',
      '--debug': '出错时显示调用栈',
      '--version': '显示版本号',
      '--help': '显示帮助',
    },
  },
  init: {
    description: '新建工作区：含全部默认值的配置、文件夹、示例稿件和示例期、.gitignore、CI 工作流，以及固定本版 briefs 的 package.json',
    arguments: { dir: '文件夹（默认：当前文件夹）' },
  },
  validate: {
    description: '检查所有稿件和期文件，一次报告全部问题',
    options: { '--json': '在标准输出打印 {"errors":[…],"warnings":[…]}，不输出其他内容', '--encoding': '按此编码读取非 UTF-8 文件，如 gb18030' },
  },
  generate: {
    description: '把各期印成 PDF（全部，或指定的几期）；定稿各期为长期保存格式 PDF/A-1b（配置 pdfa: false 可关闭）',
    arguments: { issue: '要印的期：刊物/年/期号（jianyi/2020/12）或期文件' },
    options: {
      '--out': '输出文件夹（默认：dist，或配置中的 out）',
      '--html': '同时在每个 PDF 旁写出所印的 HTML',
      '--docx': '同时在每个 PDF 旁写出 Word 版（.docx）（或在配置中写 docx: true）',
      '--png': '同时在每个 PDF 旁写出便于在聊天软件中分享的长图（.png：各页上下相接，宽 1080 像素）（或在配置中写 png: true）',
      '--ofd': '同时在每个 PDF 旁写出 OFD 版（.ofd，GB/T 33190：公文系统存储和交换的版式）（或在配置中写 ofd: true）',
      '--json': '在标准输出打印一份 JSON 摘要，不输出其他内容',
      '--jobs': '同时印制的页面数（默认：CPU 核数，最多 4）',
      '--timeout': '每期印制的最长时间（毫秒）',
      '--browser': '用于印制的 Chrome 或 Chromium',
      '--encoding': '按此编码读取非 UTF-8 文件，如 gb18030',
      '--force': '全部重印，包括已是最新的 PDF',
      '--shard': '只印 n 份中的第 i 份（稳定的子集，供 CI 并行）',
    },
  },
  copies: {
    description: '为定稿的期印制编号副本：每个分发对象一份带份号的 PDF，并附分发登记表',
    arguments: { issue: '要印副本的期：刊物/年/期号（jianyi/2026/2）或期文件' },
    options: {
      '--out': '输出文件夹（默认：dist，或配置中的 out）；副本在其中的 copies/ 下',
      '--json': '在标准输出打印一份 JSON：各副本和登记表',
      '--sign': '用此证书为每份副本签名；口令从环境变量 BRIEFS_SIGN_PASSWORD 读取',
      '--show-recipient': '同时在每份副本末页页脚印出分发对象',
      '--force': '全部重新加印份号，包括已是最新的副本',
      '--timeout': '印制母版的最长时间（毫秒）',
      '--browser': '用于印制的 Chrome 或 Chromium',
    },
  },
  volume: {
    description: '合订本：把一年的各期合为一个 PDF，附封面、总目录和索引',
    arguments: { bulletin: '刊物：代号（jianyi）或刊名（科技工作者建议）', year: '年份，如 2026' },
    options: {
      '--out': '输出文件夹（默认：dist，或配置中的 out）；合订本在其中的 volumes/ 下',
      '--json': '在标准输出打印一份 JSON：合订本的文件、页数和各期起止页',
      '--ofd': '同时在合订本 PDF 旁写出其 OFD 版（.ofd，GB/T 33190）',
      '--drafts': '草稿也一并合订，目录中标明“草稿”',
      '--folio': '各期页面的页码：issue（各期自己的）、volume（合订本连续页码）或 both（两者）；默认取刊物的 volumeFolio，否则 issue',
      '--force': '重新合订，即使已是最新',
      '--timeout': '每次印制的最长时间（毫秒）',
      '--browser': '用于印制的 Chrome 或 Chromium',
    },
  },
  site: {
    description: '网络版：把全部定稿各期生成静态网站，支持中文全文检索（Pagefind），取用 generate 印出的 PDF',
    options: {
      '--out': '网站所在文件夹（默认：输出文件夹下的 site/）',
      '--json': '在标准输出打印一份 JSON：{"site":{"dir","pages","issues","articles","index"}}',
    },
  },
  preview: {
    description: '实时预览各期的印制效果，文件改动后随即更新',
    arguments: { issue: '要打开的期（加 --pdf 时并保持印出）：刊物/年/期号' },
    options: {
      '--port': '监听的端口',
      '--host': '监听的地址；刊物属内部资料，默认只限本机',
      '--open': '用默认浏览器打开预览',
      '--pdf': '每次改动后同时印出 PDF',
      '--timeout': '每次测量或印制的最长时间（毫秒）',
    },
  },
  printer: { description: '为本工作区保持一个常驻的浏览器，供各次运行使用，只印一期时用时大为缩短' },
  'printer start': {
    description: '启动本工作区的常驻印制进程（已有的会被替换）；空闲 --idle 分钟后自动停止',
    options: { '--idle': '无运行多少分钟后停止', '--browser': '用于印制的 Chrome 或 Chromium' },
  },
  'printer stop': { description: '停止本工作区的常驻印制进程' },
  'printer status': {
    description: '显示本工作区是否有常驻印制进程，以及它已做的工作',
    options: { '--json': '在标准输出打印一个 JSON 对象：{"running","pid","root","started","runs","busy","stopsAt","pages","attached"}' },
  },
  'printer serve': {
    description: '在本进程中运行常驻印制进程，直到它停止',
    options: { '--idle': '无运行多少分钟后停止', '--browser': '用于印制的 Chrome 或 Chromium' },
  },
  new: { description: '新建一份投稿表，或下一期的期文件' },
  'new submission': {
    description: '新建一份投稿表（含全部字段和填写说明），供发给专家；打印其路径',
    options: {
      '--publication': '（必填）jianyi、qingkuang 或刊物名称',
      '--title': '（必填）标题，如“关于……的建议”；文件名取自日期和标题（见 docs/commands.md）',
      '--author': '第一作者姓名',
      '--date': '投稿日期（默认：今天）',
    },
  },
  'new issue': {
    description: '新建某刊物的下一期期文件（下一个期号和总期号，草稿，尚无稿件）；打印其路径',
    arguments: { bulletin: 'jianyi、qingkuang 或刊物名称' },
    options: { '--year': '年份（默认：日期所在年）', '--date': '印发日期（默认：今天）', '--supplement': '增刊，单独编号' },
  },
  assemble: {
    description: '把已采用、尚未编入任何一期的稿件编成新的草稿期',
    arguments: { bulletin: 'jianyi、qingkuang 或刊物名称' },
    options: {
      '--dry-run': '只打印编排计划，不写文件',
      '--max-articles': '每期最多篇数（默认：刊物的 issueArticles）',
      '--max-chars': '每期最多汉字数（默认：刊物的 issueChars）',
      '--year': '新期的年份（默认：日期所在年）',
      '--date': '新期的印发日期（默认：今天）',
    },
  },
  list: {
    description: '列出稿件（状态、所在期）和各期（期号、日期、篇数、状态）',
    options: { '--status': '只列此状态的稿件：submitted、accepted、rejected（或 已提交 …）', '--publication': '只列此刊物', '--json': '在标准输出打印 JSON' },
  },
  fix: {
    description: '把稿件正文和期文件按语中紧挨汉字的半角标点改为全角（研究,发展 → 研究，发展；"…" → “…”），并显示改动',
    arguments: { file: '稿件或期文件（默认：全部）' },
    options: { '--check': '不改文件：显示将改动之处，有改动时退出码为 1' },
  },
  help: { description: '显示某个命令的帮助', arguments: { command: '命令' } },
};

export const EXAMPLES_ZH = `
示例：
  briefs validate                    检查全部文件；有错误时退出码为 1
  briefs generate                    把每一期印到 dist/
  briefs generate jianyi/2026/2      只印一期
  briefs generate --json --html      同时写出 HTML；标准输出为一份 JSON 摘要
  briefs copies qingkuang/2026/1     为每个分发对象印一份带份号的副本，并写出分发登记表
  briefs volume jianyi 2026          该年的合订本，附总目录和索引
  briefs site                        全部定稿各期的网络版（可全文检索），在 dist/site/
  briefs preview jianyi/2026/2       实时预览：打印带令牌的地址 http://127.0.0.1:4173/…?token=…
  briefs printer start               保持常驻浏览器：此后重印一期不到一秒
  briefs new issue jianyi            新建《科技工作者建议》的下一期期文件
  briefs assemble qingkuang --dry-run   用已采用的稿件编排新的各期（只看计划）
  briefs fix --check                 检查中文里的半角标点

退出码：0 完成，1 内容有问题（有一期未能印出），2 用法或环境有问题。`;

const TITLES_ZH: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** Says the command tree's descriptions again in Chinese, and commander's headings. */
export function translateHelp(program: Command): void {
  const walk = (cmd: Command, path: string) => {
    const entry = HELP_ZH[path];
    if (entry) {
      cmd.description(entry.description);
      for (const arg of cmd.registeredArguments) if (entry.arguments?.[arg.name()]) arg.description = entry.arguments[arg.name()];
      for (const opt of cmd.options) if (opt.long && entry.options?.[opt.long]) opt.description = entry.options[opt.long];
    }
    cmd.helpOption('-h, --help', '显示帮助');
    if (cmd.commands.length > 0) cmd.helpCommand('help [command]', '显示某个命令的帮助');
    cmd.configureHelp({
      styleTitle: (s: string) => TITLES_ZH[s] ?? s,
      // commander's own: the default value and the choices of an option
      optionDescription: (opt) =>
        opt.defaultValue !== undefined && typeof opt.defaultValue !== 'boolean' ? `${opt.description}（默认：${String(opt.defaultValue)}）` : opt.description,
      argumentDescription: (arg) => (arg.defaultValue !== undefined ? `${arg.description}（默认：${String(arg.defaultValue)}）` : arg.description),
    } as Partial<Help>);
    for (const sub of cmd.commands) walk(sub, path === 'briefs' ? sub.name() : `${path} ${sub.name()}`);
  };
  walk(program, 'briefs');
}

/** commander's error messages, in Chinese. */
export function translateCommanderError(message: string): string {
  return message
    .replace(/^error: unknown option '(.*)'/m, '错误：未知选项 “$1”')
    .replace(/^error: required option '(.*)' not specified/m, '错误：缺少必填选项 “$1”')
    .replace(/^error: missing required argument '(.*)'/m, '错误：缺少参数 “$1”')
    .replace(/^error: option '(.*)' argument missing/m, '错误：选项 “$1” 缺少值')
    .replace(/^error: unknown command '(.*)'/m, '错误：未知命令 “$1”')
    .replace(/^error: too many arguments.*$/m, '错误：参数过多')
    .replace(/^error: option '(.*)' argument '(.*)' is invalid\. (.*)$/m, '错误：选项 “$1” 的值 “$2” 无效：$3')
    .replace(/expected a whole number/, '应为整数')
    .replace(/\(run briefs --help for usage\)/, '（运行 briefs --help 查看用法）')
    .replace(/\(Did you mean (.*)\?\)/, '（是不是 $1？）');
}
