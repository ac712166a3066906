/**
 * Real English words one slip away from an answer word of four letters or more ("fine" from
 * "five", "soften" from "often", "mots" from "most"), or a doubled letter away from any word a
 * reply may use ("bitt", "goo"): a word someone may have meant as written, so it is never mended.
 * Made from the word-list package (274,000 English words) against every built-in item's words;
 * answerMeaning.test.ts checks the list against word-list again.
 */
export const REAL_WORDS_NEAR_ANSWERS: ReadonlySet<string> = new Set(
  `
  aa aah aas abort abouts abut adays adown aero aery agee agin aglee agood agree agreed agrees agrege agrin aight aine
  aking alays alight allays alway amain ance ann apart areally aright atop att aver averaged averages awaking aways
  awhile bach bail baking barely barfly barley basely bays beach bee bell bend bere betweens bever bhat bight bine
  bingle bitt blae blee blots blub blude blued bluer blues bluet bluey blume blur bonce bone boon boor bore bots bout
  bright brilliante brilliants bully bust caking cames cany cart cays cell cere cero chat chere chile cine cive clots
  clue codes cokes coles comas combes combs come comer comers comet comets comms comps coms comtes comus cone cones
  contiguously copes core cores coses cost costly cotes cots cour coves coxes cozes cromes crue cully cymes daal dabs
  dads daes dags dahs dais daks dals dams dans dant daps dart dawn daws dead deaf deals dealt dean dear dearly deaw
  decal dedal deil dell dent dere dero deys dhal dhole dial diddle diddling dight dime dimes dine dingle dint disagree
  disagreed disagrees dive doat doen does doit dolt dome domes dona done dong dons donut doo doon door dore dort dost
  dots doun dour dout dowd dowf dowl downa downs downy dowp dows dowt doys drays dreadfuls dreamful drown drys dual
  dully dunt dust dwell early eath eech eery eeven eevn eger eight eighth eights eighty eine either elevens elevon
  elver emery err erven estop etch eten even evens event ever evert every eves evet ewer expellent eyen eyer faik fail
  fails fain faine fair fairs fairy faix faking fakir fall fane fantasmic fantastico fantastics faqir farl fart faur
  fave fays feal fell felly fend fere fever fiar fice fiddle fiddling fife fight fike file filly find fine fined finer
  fines fini fink fino fins fire five fiver fives flail flair flir flour flue foes foil folly foment fomes fone fonly
  font food fore form foud fouer foul foully fours fous frail fretty fright froe frog fros frow fugly full fulls fust
  gaes gain gair gart gays geal geat gees geos gere ghat gies gingle give glue goad goads goas gobs gods goel goels
  goer goers goest goey gold goles gone gons goo goods goody goof goog gook gool goold goon goop goor goos gore gores
  goss govs gowd gown goxes goys grat greats gree greed greet groat grue gues gully gust hail hair hardily hardy hare
  hart hays heal heare hebe height hele heme hend herb herd here heres herl herm hern hero hers herse hery herye hete
  hight hire hive hmm hoes hole home homes hone hood hoon hoor host hostly hots hour hully ideal iff ingle inly inn
  jail jays jell jest jingle jive joes jots jour joust justs juts kail kart kays keight kell kero khan khat kiddle
  kight kine kingle kith kittle kore lads lair laking lats lawful lays leach leads leal leally lend lere lets lever
  light lightest lime limes line lingle lith lits littler littles littlie live load loafs loams loans lobs lods lofts
  logs loids loll lome loment lomes lone loon loor loos loot loots lops lords lore loss lost lota lotas lote lotes
  loth loti loto lotos lotus lour lous louts lown lows lowts loys mabe mach mail mair making mana mand mane mang mangy
  mani manky manly mano mans manty mare mart mary mast matte maty maybes mays mazy meal meany meddle meddling mee mell
  mend mere mich middie middled middler middles middlings might mime mimes mine mingle minuet minuted minuter minutes
  miny mire mist moan moat mobe moch mode moer moes moire moist moistly moit moke mole molt mome momenta momento
  moments momes mono mony mood mooi mook mool moong moons moony moop moor moos moot mope mora morae morel mores morn
  morne moron mors morse mort mose mosh mosk moss moste mosts mote mots mott mouch moue moust move mown moze mucho
  muck muddle muddling mulch munch muon mure mush must mutch nach nail nane nays neal nearby neat neatly nene neper
  nerver nest nether nett neural neutrals neve nevel never neves newer newt nexts nice nide nife night nill nine nines
  nite nither nithing nixe node noes nole nome nomes nona nonce none nones nonet nong noni noo noon nope northing nose
  noshing notching note nothings noting nott nown oaten occasions off ofter oily oncer onces oncet onely onie onlay
  oof ooh oon oont oor oots ouch ounce oust oven over overage owly pact pail pair pant para pard pare park parp parr
  pars parti parts party past pays peach peal pearly peart pell pend pere pert petty phat piddle piddling pight pine
  pingle pith plots plue pome pomes ponce pone pont pooh pook pool poori poort poos poot pore port post pots pour pown
  practicably prat prom quate quiet quine quinte quire quit quited quites quits quote quyte rach rail raking rally
  rarefy rarely rays reach real realty rearly regally rend retally revery richt riddle riddling right righto rights
  righty rime rimes rine rive roads roes rone ront rood roon rore rost rots rust sail sair same says scop seal seen
  selfdom sell seme send sere seven sevens sever severy sewen sext seyen shan shat shere shingle shirty shop sight
  sine singe singled singles singlet singly sith slop slots slue smore soften soke sole soma sometime sometimes
  somewhats soms somy sonce sone sonly soon soop sore sots sour sown spart spoor stap stend step steven stime stimes
  stoa stob stoep stomp stoop stope stops stopt stot stoup stow stowp strongyl strop such suite sully swell sweven
  swingle swith swop tach tail taking tame tames tart tays teach tead teal teat teed teen teend teenty tegularly teind
  teld tell teme temes tends tendu tene tens tent tenty terribles terribly text thae than thana thane thang thank
  thans thar that thaw thebe thee thegn thein them theme then thens there theres therm therme these thete thew they
  thin thirsty thole thon thrae three threep threes threne threw throe tian tice tices tiddle tiddling tide tides ties
  tige tiges tight tike tikes tile tiles time timed timer timers times timps tind tine tines tingle tire tires tite
  tittle toads toes tome tomes tonally tone too toon tore tost tots tour town trat treat tree trend trice trie truce
  trued truer trues trug trye tuan tund twelves twicer twine twire twite tynd umm unce unfrequently unsell unweal
  unwill upwell vail vair vary veal veer veery vell vend vera verb verd verry vers vert very vext vine vittle vive
  voes wading waging wail wair wakings waling walking wall waning wany waring warking wart wauking waving waxing
  waying ways weal weel weight weil weld welk wells welly wels welt wend were wero whale what when where while whiled
  whiles whilk whine white whole wholes whose wice wich widdle widdling width wight wile will wine wish witch wite
  withe withouts withs withy wits wive woads woes wont wood woon wore wost wots wright wull yarely yays yearly yell
  yett yeven yont yore your yuch zany zeal zerk zeros zine zone zoon
  `
    .trim()
    .split(/\s+/),
);
