// Deterministic (seeded) generators of one file per dataset kind, streamed to disk so that any
// size works (the 1 GB memory run uses them too).
//   node benches/gen-kinds.mjs KIND ROWS OUT.csv        KIND: events | transactions | tickets | campaigns | social | reviews | mentions | scans
// events:       user_id,timestamp,event,page,session_id        (~60 B/row)
// transactions: order_id,customer_id,order_date,amount,product,channel
// tickets:      ticket_id,customer_id,created_at,first_response_at,resolved_at,status,priority,agent,channel,csat,handle_time_sec,contacts,reopened
// campaigns:    campaign,channel,send_date,sent,delivered,opens,clicks,conversions,unsubscribes,bounces,spend,revenue
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rng } from './gen-survey.mjs';

const DAY0 = Date.UTC(2024, 0, 1) / 1000; // Monday
const pad = (n, w = 2) => String(n).padStart(w, '0');
function iso(t) {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}
const EVENTS = ['page_view', 'click', 'search', 'add_to_cart', 'checkout', 'purchase', 'signup', 'activate'];
const PAGES = Array.from({ length: 50 }, (_, i) => (i === 0 ? '/' : `/section-${i % 7}/page-${pad(i)}`));
const PRODUCTS = ['basic', 'plus', 'pro', 'team', 'addon'];
const CHANNELS = ['web', 'app', 'store', 'phone'];
const STATUSES = ['solved', 'solved', 'solved', 'closed', 'open', 'pending'];
const PRIORITIES = ['low', 'normal', 'normal', 'high', 'urgent'];
const PLATFORMS = ['instagram', 'tiktok', 'linkedin'];
const SOURCES = ['google', 'trustpilot', 'app store'];
const BRANDS = ['Acme', 'Globex', 'Initech'];
const DEVICES = ['iOS', 'Android', 'Windows', 'macOS'];
const CITIES = ['Paris', 'Berlin', 'Madrid', 'Lisbon', 'Rome', 'Vienna', 'Prague', ''];
const GOOD = ['Absolutely love it, great service!', 'Fast delivery and friendly staff.', 'Works perfectly, highly recommend.',
  'Very happy with it :)', 'Excellent quality for the price.', 'The support team was helpful and kind.', 'Best purchase this year!!'];
const BAD = ['Terrible experience, never again.', 'It broke after two days. Very disappointed.', 'Support was rude and slow.',
  'Not worth the money.', 'Awful packaging, item damaged :(', 'I am angry, nobody answered my emails.', 'Worst app ever'];
const MIXED = ['It is ok, nothing special.', 'Delivery was late but the product is good.', 'Average quality.', 'Arrived on Tuesday.',
  'The color is different from the photo.', 'Not bad, could be cheaper.', 'It does what it says.'];

/** Row writers per kind: each returns one CSV line for row i. */
const KINDS = {
  events: {
    header: 'user_id,timestamp,event,page,session_id',
    make(r, rows) {
      // Sessions of 1–20 events a few seconds to minutes apart, users drawn with a skew.
      const users = Math.max(100, Math.round(rows / 20));
      let left = 0, user = 0, t = 0, session = 0;
      return (i) => {
        if (left === 0) {
          user = Math.floor(users * Math.pow(r(), 1.6));
          t = DAY0 + Math.floor((i / rows) * 90 * 86400) + Math.floor(r() * 3600);
          left = 1 + Math.floor(r() * r() * 20);
          session++;
        } else t += 1 + Math.floor(r() * 240);
        left--;
        const ev = left === 0 && r() < 0.05 ? EVENTS[5] : EVENTS[Math.floor(r() * r() * 6)];
        return `u${pad(user, 6)},${iso(t)},${ev},${PAGES[Math.floor(r() * r() * 50)]},s${session}`;
      };
    },
  },
  transactions: {
    header: 'order_id,customer_id,order_date,amount,product,channel',
    make(r, rows) {
      const customers = Math.max(50, Math.round(rows / 8));
      return (i) => {
        const t = DAY0 + Math.floor((i / rows) * 365 * 86400);
        const amount = r() < 0.02 ? -(5 + r() * 50) : 5 + Math.exp(3 + r() * 2);
        return `o${i + 1},c${pad(Math.floor(customers * Math.pow(r(), 1.4)), 6)},${iso(t)},${amount.toFixed(2)},${PRODUCTS[Math.floor(r() * 5)]},${CHANNELS[Math.floor(r() * 4)]}`;
      };
    },
  },
  tickets: {
    header: 'ticket_id,customer_id,created_at,first_response_at,resolved_at,status,priority,agent,channel,csat,handle_time_sec,contacts,reopened',
    make(r, rows) {
      return (i) => {
        const t = DAY0 + Math.floor((i / rows) * 180 * 86400);
        const first = t + 60 + Math.floor(r() * r() * 86400);
        const status = STATUSES[Math.floor(r() * 6)];
        const resolved = status === 'solved' || status === 'closed' ? iso(first + Math.floor(r() * 3 * 86400)) : '';
        const csat = r() < 0.3 ? String(1 + Math.floor(Math.pow(r(), 0.5) * 5)) : '';
        const contacts = 1 + Math.floor(r() * r() * 5);
        const handle = 60 + Math.floor(r() * 900 * contacts);
        const reopened = resolved && r() < 0.08 ? 'yes' : 'no';
        return `T${i + 1},c${pad(Math.floor(r() * rows / 3), 6)},${iso(t)},${iso(first)},${resolved},${status},${PRIORITIES[Math.floor(r() * 5)]},agent${Math.floor(r() * 40)},${CHANNELS[Math.floor(r() * 4)]},${csat},${handle},${contacts},${reopened}`;
      };
    },
  },
  campaigns: {
    header: 'campaign,channel,send_date,sent,delivered,opens,clicks,conversions,unsubscribes,bounces,spend,revenue',
    make(r, rows) {
      return (i) => {
        const t = DAY0 + Math.floor((i / rows) * 365 * 86400);
        const sent = 1000 + Math.floor(r() * 50000);
        const bounces = Math.floor(sent * r() * 0.03);
        const delivered = sent - bounces;
        const opens = Math.floor(delivered * (0.1 + r() * 0.4));
        const clicks = Math.floor(opens * r() * 0.2);
        const conv = Math.floor(clicks * r() * 0.1);
        return `Campaign ${i + 1},${r() < 0.7 ? 'email' : 'sms'},${iso(t).slice(0, 10)},${sent},${delivered},${opens},${clicks},${conv},${Math.floor(delivered * r() * 0.005)},${bounces},${(sent * 0.002).toFixed(2)},${(conv * 42.5).toFixed(2)}`;
      };
    },
  },
  social: {
    header: 'post_id,published_at,platform,likes,comments,shares,saves,followers,impressions,reach',
    make(r, rows) {
      const followers = { instagram: 12000, tiktok: 3000, linkedin: 5000 };
      return (i) => {
        const t = DAY0 + Math.floor((i / rows) * 180 * 86400);
        const platform = PLATFORMS[Math.floor(r() * 3)];
        followers[platform] += Math.floor(r() * 60);
        const impressions = Math.floor(followers[platform] * (0.2 + r() * 1.5));
        const reach = Math.floor(impressions * (0.6 + r() * 0.3));
        const likes = Math.floor(impressions * r() * 0.06);
        return `P${i + 1},${iso(t)},${platform},${likes},${Math.floor(likes * r() * 0.15)},${Math.floor(likes * r() * 0.1)},${Math.floor(likes * r() * 0.2)},${followers[platform]},${impressions},${reach}`;
      };
    },
  },
  reviews: {
    header: 'review_id,date,source,rating,review_text',
    make(r, rows) {
      return (i) => {
        const t = DAY0 + Math.floor((i / rows) * 180 * 86400);
        const rating = 1 + Math.floor(Math.pow(r(), 0.6) * 5);
        const pool = rating >= 4 ? GOOD : rating <= 2 ? BAD : MIXED;
        const text = r() < 0.1 ? '' : `"${pool[Math.floor(r() * pool.length)]}"`;
        return `R${i + 1},${iso(t).slice(0, 10)},${SOURCES[Math.floor(r() * 3)]},${rating},${text}`;
      };
    },
  },
  mentions: {
    header: 'mentioned_at,source,brand,text',
    make(r, rows) {
      return (i) => {
        const t = DAY0 + Math.floor((i / rows) * 180 * 86400);
        const brand = BRANDS[Math.floor(Math.pow(r(), 1.3) * 3)];
        const pool = [GOOD, BAD, MIXED][Math.floor(r() * 3)];
        return `${iso(t)},${['twitter', 'forum', 'news', 'blog'][Math.floor(r() * 4)]},${brand},"${pool[Math.floor(r() * pool.length)].replace(/\b[Ii]t\b/, brand)}"`;
      };
    },
  },
  scans: {
    header: 'scanned_at,card_id,device_type,location,visitor_id',
    make(r, rows) {
      return (i) => {
        const t = DAY0 + Math.floor((i / rows) * 120 * 86400) + Math.floor(r() * 3600);
        return `${iso(t)},card${1 + Math.floor(r() * 5)},${DEVICES[Math.floor(Math.pow(r(), 1.5) * 4)]},${CITIES[Math.floor(r() * CITIES.length)]},v${Math.floor(r() * rows / 2)}`;
      };
    },
  },
};

export const KIND_NAMES = Object.keys(KINDS);

/** Writes ROWS rows of KIND to OUT; returns the bytes written. */
export async function generateKind(kind, rows, out, seed = 42) {
  const spec = KINDS[kind];
  if (!spec) throw new Error(`unknown kind ${kind}`);
  const row = spec.make(rng(seed), rows);
  const ws = createWriteStream(out);
  let bytes = 0, buf = [spec.header];
  const flush = async () => {
    const s = buf.join('\n') + '\n';
    buf = [];
    bytes += Buffer.byteLength(s);
    if (!ws.write(s)) await new Promise((ok) => ws.once('drain', ok));
  };
  for (let i = 0; i < rows; i++) {
    buf.push(row(i));
    if (buf.length >= 10000) await flush();
  }
  if (buf.length) await flush();
  await new Promise((ok) => ws.end(ok));
  return bytes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [kind, rows, out] = process.argv.slice(2);
  const bytes = await generateKind(kind, Number(rows), out);
  console.log(`${out}: ${rows} ${kind} rows, ${bytes} bytes`);
}
