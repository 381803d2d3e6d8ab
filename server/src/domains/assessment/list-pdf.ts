import type { ListRow, listEntries } from './lists.repo';
import { khmerDigits, newDocument, toBuffer } from './pdf-fonts';

type Entry = Awaited<ReturnType<typeof listEntries>>[number];

const STATUS_KM: Record<string, string> = {
  draft: 'សេចក្ដីព្រាង',
  displayed: 'បិទផ្សាយសម្រាប់ការជំទាស់',
  approved: 'អនុម័តដោយក្រុមប្រឹក្សាឃុំ',
  published: 'ផ្សព្វផ្សាយ',
};

/**
 * The village list as posted in the village (A4, Khmer first): the households proposed at
 * level 1 and 2 with the head's name and the number of members, the objection deadline,
 * and where to object. Scores are not printed; levels are.
 */
export async function renderListPdf(options: { list: ListRow; entries: Entry[]; isIllustrative: boolean }) {
  const { list } = options;
  const doc = newDocument({ size: 'A4', margin: 40, info: { Title: `Village list ${list.village_code}` } });
  const poor = options.entries.filter((e) => e.final_level !== null);

  doc.font('km').fontSize(16).text(`បញ្ជីគ្រួសារក្រីក្រ ភូមិ${list.village_name_km}`, { align: 'center' });
  doc
    .font('latin')
    .fontSize(10)
    .text(`List of poor households, village ${list.village_name_latin} (${list.village_code})`, {
      align: 'center',
    });
  doc.moveDown(0.5);
  doc
    .font('km')
    .fontSize(11)
    .text(`ស្ថានភាព៖ ${STATUS_KM[list.status] ?? list.status}`);
  if (list.objection_until) {
    doc
      .font('km')
      .fontSize(11)
      .text(`ការជំទាស់ត្រូវដាក់ជូនមេភូមិ ឬក្រុមប្រឹក្សាឃុំ មុនថ្ងៃទី ${khmerDigits(list.objection_until)}`);
    doc
      .font('latin')
      .fontSize(9)
      .text(`Objections to the village chief or commune council before ${list.objection_until}`);
  }
  if (options.isIllustrative) {
    doc.font('km').fontSize(9).fillColor('#7a4d00').text('ពិន្ទុគណនាដោយគំរូបង្ហាញប៉ុណ្ណោះ');
    doc.font('latin').fontSize(8).text('Scored with an ILLUSTRATIVE model').fillColor('#000000');
  }
  doc.moveDown(0.8);

  const columns = [
    { km: 'ល.រ', x: 40, w: 40 },
    { km: 'ឈ្មោះមេគ្រួសារ', x: 80, w: 220 },
    { km: 'ចំនួនសមាជិក', x: 300, w: 90 },
    { km: 'កម្រិត', x: 390, w: 70 },
    { km: 'លេខគ្រួសារ', x: 460, w: 95 },
  ];
  const header = () => {
    const y = doc.y;
    for (const c of columns) doc.font('km').fontSize(10).text(c.km, c.x, y, { width: c.w });
    doc
      .moveTo(40, y + 20)
      .lineTo(555, y + 20)
      .stroke();
    doc.y = y + 26;
  };
  header();
  poor.forEach((e, i) => {
    if (doc.y > doc.page.height - 60) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    doc.font('km').fontSize(10);
    doc.text(khmerDigits(i + 1), columns[0]!.x, y, { width: columns[0]!.w });
    doc.text(e.head_name_km ?? '—', columns[1]!.x, y, { width: columns[1]!.w });
    doc.text(khmerDigits(e.member_count), columns[2]!.x, y, { width: columns[2]!.w });
    doc.text(khmerDigits(e.final_level ?? ''), columns[3]!.x, y, { width: columns[3]!.w });
    doc
      .font('latin')
      .fontSize(8)
      .text(e.household_ref, columns[4]!.x, y + 2, { width: columns[4]!.w });
    doc.y = y + 20;
  });
  doc.moveDown();
  doc
    .font('km')
    .fontSize(10)
    .text(`សរុប ${khmerDigits(poor.length)} គ្រួសារ`, 40);
  return toBuffer(doc);
}
