import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Dashboard } from '@mlob/contracts';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { withKhmerBreaks } from './khmer-breaks';
import { REPORT_TEXT, type ReportLanguage } from './report-text';

const require = createRequire(import.meta.url);
const fontDir = `${require.resolve('@fontsource/noto-sans-khmer/package.json').replace(/package\.json$/, '')}files/`;
const FONTS = {
  // Full TTFs shipped with the project (OFL): the @fontsource Khmer WOFF subset crashes fontkit's GPOS step.
  khmer: new URL('../data/fonts/NotoSansKhmer-Regular.ttf', import.meta.url).pathname,
  khmerBold: new URL('../data/fonts/NotoSansKhmer-Bold.ttf', import.meta.url).pathname,
  latin: `${fontDir}noto-sans-khmer-latin-400-normal.woff`,
  latinBold: `${fontDir}noto-sans-khmer-latin-700-normal.woff`,
};

/** The network dashboard as a workbook: one sheet of labs, one section heat map. */
export async function dashboardXlsx(dashboard: Dashboard): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Mlob';
  const labs = book.addWorksheet('Labs');
  labs.columns = [
    { header: 'Lab', key: 'code', width: 10 },
    { header: 'Name', key: 'nameEn', width: 50 },
    { header: 'ឈ្មោះ', key: 'nameKm', width: 50 },
    { header: 'Stars (latest published)', key: 'stars', width: 12 },
    { header: 'Audits published', key: 'audits', width: 10 },
    { header: 'Open NCs', key: 'openNcs', width: 10 },
    { header: 'Overdue actions', key: 'overdue', width: 10 },
    { header: 'EQA satisfactory / scored', key: 'eqa', width: 14 },
    { header: 'Equipment out of service', key: 'oos', width: 12 },
  ];
  for (const lab of dashboard.labs)
    labs.addRow({
      code: lab.code,
      nameEn: lab.nameEn,
      nameKm: lab.nameKm,
      stars: lab.latestStars,
      audits: lab.starsOverTime.length,
      openNcs: lab.openNcs,
      overdue: lab.overdueActions,
      eqa: `${lab.eqa.satisfactory} / ${lab.eqa.scored}`,
      oos: lab.equipmentOutOfService,
    });
  labs.getRow(1).font = { bold: true };
  const heat = book.addWorksheet('Section heat map');
  heat.addRow(['Lab', ...dashboard.sections.map((s) => `${s.number}. ${s.title}`)]).font = { bold: true };
  for (const lab of dashboard.labs) {
    const row = heat.addRow([
      lab.code,
      ...dashboard.sections.map(
        (s) => lab.sectionPercents.find((p) => p.number === s.number)?.percent ?? null,
      ),
    ]);
    row.eachCell((cell, col) => {
      if (col === 1 || typeof cell.value !== 'number') return;
      const p = cell.value;
      const argb = p >= 85 ? 'FF63BE7B' : p >= 65 ? 'FFFFEB84' : 'FFF8696B';
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const KHMER_RUN = /([\u1780-\u17FF\u19E0-\u19FF\u200B]+(?:[ \u00A0]+[\u1780-\u17FF\u19E0-\u19FF\u200B]+)*)/u;

/**
 * Writes text that may mix Khmer and Latin: Khmer runs in Noto Sans Khmer (the Khmer subset
 * has no Latin letters or digits), everything else in Noto Sans Latin. pdfkit shapes each run
 * with fontkit; Khmer runs get break opportunities between words (khmer-breaks.ts).
 */
function mixed(doc: PDFKit.PDFDocument, text: string, options: { bold?: boolean; size?: number } = {}) {
  const parts = text.split(KHMER_RUN).filter((p) => p.length > 0);
  doc.fontSize(options.size ?? 10);
  parts.forEach((part, i) => {
    const isKhmer = KHMER_RUN.test(part) && /[\u1780-\u17FF]/u.test(part);
    doc.font(isKhmer ? (options.bold ? 'khmerBold' : 'khmer') : options.bold ? 'latinBold' : 'latin');
    doc.text(isKhmer ? withKhmerBreaks(part) : part, { continued: i < parts.length - 1 });
  });
  if (parts.length === 0) doc.text(' ');
}

export interface ReportInput {
  labNameEn: string;
  labNameKm: string;
  labCode: string;
  kind: 'internal' | 'peer' | 'external';
  auditDate: string;
  status: 'draft' | 'submitted' | 'approved' | 'published';
  leadAuditorName: string;
  checklist: string;
  points: number;
  maxPoints: number;
  percent: number;
  stars: number;
  proficiency: 'not_checked' | 'met' | 'not_met';
  sections: {
    number: number;
    title: string;
    titleKm: string | null;
    points: number;
    maxPoints: number;
    percent: number;
  }[];
  findings: {
    id: string;
    answer: 'partial' | 'no';
    shortEn: string | null;
    shortKm: string | null;
    text: string;
    comment: string | null;
  }[];
  inconsistencies: string[];
}

/** The audit report as a PDF in Khmer or English. */
export async function auditReportPdf(report: ReportInput, lang: ReportLanguage): Promise<Buffer> {
  const t = REPORT_TEXT[lang];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${t.title} ${report.labCode} ${report.auditDate}`, Author: 'Mlob' },
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, fs.readFileSync(file));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  mixed(doc, t.title, { bold: true, size: 18 });
  doc.moveDown(0.5);
  const field = (label: string, value: string) => mixed(doc, `${label}: ${value}`, { size: 11 });
  field(t.lab, `${lang === 'km' ? report.labNameKm : report.labNameEn} (${report.labCode})`);
  field(t.kind, t.kinds[report.kind]);
  field(t.date, report.auditDate);
  field(t.status, t.statuses[report.status]);
  field(t.leadAuditor, report.leadAuditorName);
  field(t.checklist, report.checklist);
  doc.moveDown(0.5);
  mixed(doc, `${t.score}: ${report.points} / ${report.maxPoints} ${t.points} (${report.percent}%)`, {
    bold: true,
    size: 13,
  });
  mixed(doc, `${t.stars}: ${report.stars} / 5`, { bold: true, size: 13 });
  field(t.proficiency, t.proficiencies[report.proficiency]);
  doc.moveDown(0.8);
  mixed(doc, t.sections, { bold: true, size: 13 });
  for (const s of report.sections) {
    const title = lang === 'km' && s.titleKm ? s.titleKm : s.title;
    mixed(doc, `${t.section} ${s.number}. ${title}: ${s.points} / ${s.maxPoints} (${s.percent}%)`, {
      size: 10,
    });
  }
  doc.moveDown(0.8);
  mixed(doc, t.findings, { bold: true, size: 13 });
  if (report.findings.length === 0) mixed(doc, t.noFindings);
  for (const f of report.findings) {
    const short = (lang === 'km' ? f.shortKm : f.shortEn) ?? f.shortEn ?? f.text.slice(0, 100);
    mixed(doc, `${f.id} ${short} — ${t.answers[f.answer]}`, { bold: true, size: 10 });
    mixed(doc, f.text, { size: 8 });
    if (f.comment) mixed(doc, `» ${f.comment}`, { size: 9 });
    doc.moveDown(0.3);
  }
  doc.moveDown(0.8);
  mixed(doc, report.inconsistencies.length > 0 ? t.inconsistencies : t.noInconsistencies, {
    bold: true,
    size: 11,
  });
  for (const line of report.inconsistencies) mixed(doc, `• ${line}`, { size: 9 });
  doc.moveDown(1);
  mixed(doc, `${t.generated}, ${new Date().toISOString().slice(0, 10)}`, { size: 8 });
  doc.end();
  return done;
}
