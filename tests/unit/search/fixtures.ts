/**
 * Small real-looking documents for the search tests: December 2024 news about Russian forces in
 * Syria with variant spellings, plus unrelated reports, notes and entities.
 */
import type { SearchDoc } from '../../../electron/notebook/search/index';

export const DOCS: SearchDoc[] = [
  {
    kind: 'report',
    id: 'r_khmeimim',
    title: 'Russian transports leave Khmeimim air base',
    text:
      'LATAKIA, December 9, 2024 — Satellite images show Il-76 transport aircraft leaving the Khmeimim air base ' +
      'on the Syrian coast. A Russian military blogger said General Zhuravlev had not been seen at the base since ' +
      'the fall of Khama. Equipment was also moved by road towards the naval facility at Tartus.',
    tags: ['syria', 'russia'],
    date: '2024-12-09',
    entityIds: ['e_khmeimim', 'e_zhuravlev'],
  },
  {
    kind: 'report',
    id: 'r_hmeimim',
    title: 'Flights from Hmeimim resume after pause',
    text:
      'December 12, 2024. Flights from Hmeimim resumed after a two-day pause, according to flight tracking data. ' +
      'Colonel-general Zhuravlyov, a former commander of the group of forces, was named in a Telegram post. ' +
      'Ukrainian military intelligence (GUR) said it was watching the airfield.',
    tags: ['syria', 'russia', 'aviation'],
    date: '2024-12-12',
    entityIds: ['e_khmeimim'],
  },
  {
    kind: 'report',
    id: 'r_hama',
    title: 'Opposition fighters take Hama',
    text:
      'December 5, 2024. Opposition fighters took control of Hama after government troops withdrew. Residents ' +
      'described a quiet night. Hama is the fourth largest city in Syria. Fighters said Hama was the key to the road south.',
    tags: ['syria'],
    date: '2024-12-05',
    entityIds: ['e_hama'],
  },
  {
    kind: 'report',
    id: 'r_tartus',
    title: 'Ships leave the port of Tartus',
    text:
      'December 10, 2024. Russian warships were seen leaving the port of Tartus, the only Russian naval facility ' +
      'on the Mediterranean. The GUR said a frigate had sailed towards Libya.',
    tags: ['syria', 'navy'],
    date: '2024-12-10',
    entityIds: [],
  },
  {
    kind: 'report',
    id: 'r_garden',
    title: 'Spring planting guide',
    text:
      'The ham and cheese sandwiches were served at home after the garden tour. Plant tomatoes when the soil is warm; ' +
      'the key is patience. Homes with south-facing gardens get the best light.',
    tags: ['garden'],
    date: '2024-04-02',
    entityIds: [],
  },
  {
    kind: 'report',
    id: 'r_budget',
    title: 'City council passes budget',
    text:
      'The city council passed the annual budget on Tuesday. The council said the air quality programme would be ' +
      'extended, and the base rate for water would rise. The base of the old bridge will be repaired.',
    tags: ['local'],
    date: '2024-11-20',
    entityIds: [],
  },
  {
    kind: 'note',
    id: 'n_timeline',
    title: 'Timeline: the fall of the Syrian government',
    text: 'Dec 5 Hama falls. Dec 7 Homs. Dec 8 Damascus; Bashar al-Assad leaves. Watch Khmeimim and Tartus.',
    tags: ['syria'],
    date: '2024-12-13',
    entityIds: ['e_hama', 'e_khmeimim'],
  },
  {
    kind: 'entity',
    id: 'e_khmeimim',
    title: 'Khmeimim Air Base',
    text: 'Russian air base near Latakia, Syria.',
    tags: [],
    date: null,
    entityIds: [],
    aliases: ['Hmeimim', 'Хмеймим'],
  },
  {
    kind: 'entity',
    id: 'e_zhuravlev',
    title: 'Alexander Zhuravlev',
    text: 'Russian colonel-general.',
    tags: [],
    date: null,
    entityIds: [],
    aliases: ['Aleksandr Zhuravlyov', 'Александр Журавлёв'],
  },
  {
    kind: 'entity',
    id: 'e_gur',
    title: 'GUR',
    text: 'Main Directorate of Intelligence of Ukraine.',
    tags: [],
    date: null,
    entityIds: [],
    aliases: ['Main Intelligence Directorate', 'HUR'],
  },
];
