import { formatPatientName } from '@engraft/domain';
import bwipjs from 'bwip-js/node';
import { degrees, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { ProductDetail } from './productLab';

// The printable ISBT 128 product label (100 × 100 mm, ICCBBA ST-001 v6.2.2): Code 128 symbols of the DIN
// (DS001 with its Type 3 flag), the product code (DS003) and the expiry (DS005), a DataMatrix of the compound
// message (DS023), and the eye-readable text. The bar-code strings come from @engraft/clinical `labelBarcodes`
// and are also written to the PDF's keywords so a test (or a scanner check) can compare them.

const MM = 72 / 25.4;
const SIZE = 100 * MM;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

async function png(bcid: 'code128' | 'datamatrix', text: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid,
    text,
    scale: 4,
    ...(bcid === 'code128' ? { height: 9 } : {}),
    paddingwidth: 0,
    paddingheight: 0,
  });
}

/** pdf-lib's standard fonts speak WinAnsi only: other letters lose their accents, anything else becomes '?'. */
function safe(font: PDFFont, text: string): string {
  return [...text]
    .map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
        try {
          font.encodeText(plain);
          return plain;
        } catch {
          return '?';
        }
      }
    })
    .join('');
}

function fit(font: PDFFont, text: string, size: number, maxWidth: number): number {
  let s = size;
  while (s > 5 && font.widthOfTextAtSize(text, s) > maxWidth) s -= 0.5;
  return s;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const labelDate = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
};

const E_NOTATION = (n: number) => {
  const exp = Math.floor(Math.log10(n));
  return `${(n / 10 ** exp).toFixed(2)} x 10^${exp}`;
};

/** Renders the label PDF for a product (recipient name included: a label is for the bag, never for a URL or a log). */
export async function renderProductLabel(d: ProductDetail, facility: string): Promise<Uint8Array> {
  const { product: p, barcodes: codes } = d;
  const pdf = await PDFDocument.create();
  pdf.setTitle(`ISBT 128 label ${d.eyeReadable.din}`);
  pdf.setSubject('ISBT 128 cellular therapy product label');
  pdf.setKeywords([codes.din, codes.productCode, ...(codes.expiry ? [codes.expiry] : []), codes.compound]);
  pdf.setProducer('Engraft');
  pdf.setCreator('Engraft');
  const page = pdf.addPage([SIZE, SIZE]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const half = SIZE / 2;
  const pad = 3 * MM;

  const text = (
    pg: PDFPage,
    s: string,
    x: number,
    y: number,
    size: number,
    font = regular,
    color = BLACK,
    maxWidth = half - 2 * pad
  ) => {
    const t = safe(font, s);
    pg.drawText(t, { x, y, size: fit(font, t, size, maxWidth), font, color });
  };
  const barcode = async (data: string, x: number, y: number, width: number, height: number) => {
    const img = await pdf.embedPng(await png('code128', data));
    page.drawImage(img, { x, y, width, height });
  };

  // Quadrant rules.
  page.drawRectangle({ x: 0.5, y: 0.5, width: SIZE - 1, height: SIZE - 1, borderColor: BLACK, borderWidth: 1 });
  page.drawLine({ start: { x: half, y: 18 * MM }, end: { x: half, y: SIZE }, thickness: 0.5, color: GREY });
  page.drawLine({ start: { x: 0, y: half + 4 * MM }, end: { x: SIZE, y: half + 4 * MM }, thickness: 0.5, color: GREY });
  page.drawLine({ start: { x: 0, y: 18 * MM }, end: { x: SIZE, y: 18 * MM }, thickness: 0.5, color: GREY });

  // Upper left: DIN bar code, eye-readable DIN with flags and the boxed keyboard check character, facility.
  const top = SIZE - pad;
  await barcode(codes.din, pad, top - 14 * MM, half - 2 * pad, 13 * MM);
  const dinSize = 10.5;
  const dinY = top - 19 * MM;
  text(page, d.eyeReadable.din, pad, dinY, dinSize, bold);
  const dinWidth = bold.widthOfTextAtSize(d.eyeReadable.din, fit(bold, d.eyeReadable.din, dinSize, half - 2 * pad));
  const flags = codes.din.slice(14);
  page.drawText(flags, { x: pad + dinWidth + 2, y: dinY + 6, size: 6, font: regular, rotate: degrees(-90) });
  const boxX = pad + dinWidth + 9;
  page.drawRectangle({ x: boxX, y: dinY - 2, width: 9, height: 12, borderColor: BLACK, borderWidth: 0.8 });
  page.drawText(d.eyeReadable.checkCharacter, { x: boxX + 2, y: dinY, size: 9, font: bold });
  text(page, facility, pad, dinY - 5 * MM, 6.5, regular, GREY);

  // Upper right: ABO/Rh of the product (the recipient's on an autologous product).
  const abo = p.aboRh ?? (d.autologous ? d.patient.aboRh : null);
  text(page, 'ABO/Rh', half + pad, top - 4 * MM, 7, regular, GREY);
  text(
    page,
    abo && abo !== 'unknown' ? abo : 'not typed',
    half + pad,
    top - 17 * MM,
    abo && abo !== 'unknown' ? 30 : 12,
    bold
  );
  text(page, p.cryopreserved ? 'CRYOPRESERVED' : 'FRESH', half + pad, top - 25 * MM, 9, bold);
  if (p.volumeMl != null) text(page, `Volume ${p.volumeMl} mL`, half + pad, top - 30 * MM, 8);
  if (p.tncCells != null) text(page, `TNC ${E_NOTATION(p.tncCells)}`, half + pad, top - 34 * MM, 7);
  if (p.cd34Cells != null) text(page, `CD34+ ${E_NOTATION(p.cd34Cells)}`, half + pad, top - 38 * MM, 7);

  // Lower left: product code bar code, code eye-readable, description.
  const low = half + 4 * MM - pad;
  await barcode(codes.productCode, pad, low - 13 * MM, half - 2 * pad, 12 * MM);
  text(page, `${p.productCode} ${p.collectionType} ${p.division}`, pad, low - 17.5 * MM, 9, bold);
  text(page, p.description, pad, low - 22.5 * MM, 9, bold);
  text(page, p.cryopreserved ? 'Cryopreserved' : 'Not cryopreserved', pad, low - 26.5 * MM, 7);

  // Lower right: expiry bar code and date, DataMatrix of the compound message.
  if (codes.expiry && p.expiresAt) {
    await barcode(codes.expiry, half + pad, low - 10 * MM, half - 2 * pad, 9 * MM);
    text(page, `Expires ${labelDate(p.expiresAt)}`, half + pad, low - 14 * MM, 7.5, bold);
  } else {
    text(page, 'No expiry date recorded', half + pad, low - 6 * MM, 7.5, regular, GREY);
  }
  const dm = await pdf.embedPng(await png('datamatrix', codes.compound));
  const dmSize = 14 * MM;
  page.drawImage(dm, { x: SIZE - pad - dmSize, y: 18 * MM + 1.5 * MM, width: dmSize, height: dmSize });

  // Bottom band: intended use and recipient.
  if (d.autologous) {
    text(page, 'FOR AUTOLOGOUS USE ONLY', pad, 11 * MM, 11, bold, BLACK, SIZE - 2 * pad);
    text(
      page,
      `Patient: ${formatPatientName(d.patient)}  MRN ${d.patient.mrn}`,
      pad,
      5 * MM,
      8,
      regular,
      BLACK,
      SIZE - 2 * pad
    );
  } else {
    text(page, 'INTENDED RECIPIENT', pad, 12 * MM, 7, regular, GREY, SIZE - 2 * pad);
    text(page, `${formatPatientName(d.patient)}  MRN ${d.patient.mrn}`, pad, 7 * MM, 10, bold, BLACK, SIZE - 2 * pad);
    text(
      page,
      'Allogeneic product: verify recipient identity at the bedside',
      pad,
      2.5 * MM,
      6.5,
      regular,
      GREY,
      SIZE - 2 * pad
    );
  }
  return pdf.save();
}
