/**
 * Real English words one slip away from an answer word of four letters or more ("fine" from
 * "five", "soften" from "often", "mots" from "most"), or a doubled letter away from any word a
 * reply may use ("bitt", "goo"), or two slips from a one-word answer of nine letters or more
 * ("frequent", "occasional"): a word someone may have meant as written, so it is never mended.
 * Made from the word-list package (274,000 English words) against every built-in item's words;
 * answerMeaning.test.ts checks the list against word-list again.
 */
export const REAL_WORDS_NEAR_ANSWERS: ReadonlySet<string> = new Set(
  `
  aa aah aas abetter abort abound abouts absolute absoluter absolutes absolutest absolutory abut abyssal adays adown
  aero aery agee agin aglee agood agree agreed agrees agrege agrin aground aight aine aking alays alight alike allays
  along alway amain amating amornings amounts ance angularly anight ann anough ants apart aperiodically aplenty
  appairing appallingly appareling apparelling appaying appealing applying areally aright atop atrociously atropous
  att aver averaged averages awaking aways aweather awhile bach bail baking balk bants barely barfly barley basely
  bather batter baulk bays beach bead bean beans beast beater bee beef beep beer bees beet bein bell belter bend bene
  bere betted betters bettor betweens bever bhat bien bight bighting bights bike bilk bine bingle bint bitt bitter
  blae blee block blots blousy blub blude blued bluer blues bluet bluey blume blur bonce bone bong boon boor bore
  botch bots bough bound bourse bousy bout brand bren bright brilliance brilliancy brilliante brillianted brilliantly
  brilliants brough buck buik bulb bulks bulky bull bully bunk burk busk bust butter caking cames campion cants cany
  carap carp cart cave cays cell cere cero certainty champions chap chat chave cheaps chere chile chock chocking cine
  cire cive clack clap claver cleaver cleck cleve cleves click cloak clocks clonk clots clover cluck clue coarse
  codes cokes coles comas combes combs come comer comers comet comets comms complete completed completer completers
  completes completest completory complexly comps coms comtes comus cone cones cons consonantly constancy constant
  constantan constants contently contiguously continuable continual continuality continuedly continuous copes core
  cores corning corse coses cost costly cotes cots cough couldst cour coure coures courie cours coursed courser
  courses coves coxes cozes crab crag cram cramp cran crape craps crapy craw cray crock cromes crop crue cubbish
  cully curse cymes daal dabs dads daes dags dahs dairy dais daisy daks dally dals dams dans dant dants daps dare
  dart dawn daws dead deads deaf deal deals dealt dean deans dear dearly deaw decad decal decant deceit dedal deed
  deek deen definite definitively deid deil dell dement dent dere dero descent detent deys dhal dhole diabetical
  diabolic diabolically dial dialogical dice diddle diddling dight dighting dights dike dime dimes dine dingle dint
  direr dirge dirk dirke dirl dirt disagree disagreed disagrees disarmed dite dive doat docent doen does doily doit
  dolt dome domes dona done dong dons donut doo doon door dore dorse dort dost dots dough doun dour dout dowd dowf
  dowl downa downs downy dowp dows dowt doys drad drap drays dread dreadfuls dreamful drily drown drys duad dual
  dully dunder dunt duper dure dust dwell dyad eans early east eath eave eech eery eeven eevn eevning eevnings eger
  eight eighth eights eighty eine either elevens elevon elver emery ender enoughs enrough entastic eons err erven
  estop etch eten ettle even evening evens event eventing eventings ever evert every eves evet ewer excelled
  excellence excellency excellently excelling exceptionably expellant expellent expellents eyen eyer faddle faik fail
  fails fain faine fainly fair fairily fairs fairy faix faking fakir fall fanatic fane fantasia fantasie fantasmic
  fantast fantastical fantastico fantastics fantastry fantasts faqir farl fart father faur fave fays feal feast
  feather feen fell felly fend fere ferocious fetter fettled fettler fettles fever fiar fice fiddle fiddled fiddler
  fiddles fiddley fiddling fiddly fife fight fightings fights fike filagreed file filly find fine fined finer fines
  fini finitely fink fino fins fire fitt five fiver fives flail flair flighting flir flock flong flour flue foes foil
  folly foment fomes fone fonly fons font food fore foretimes forevers form foud fouer foul foully found fours fous
  frail frap frequency frequent frequented frequenter frequents fretty fright frighting froe frog fros frow fuddle
  fugly full fulls funder fust gaes gaily gain gair gants gart gather gave gays geal geans geat geek geeks gees geos
  gere getter ghat gies gingle give gland glike glue goad goads goas gobs gods goel goels goer goers goest goey gold
  goles gone gong gons goo goods goody goof goog gook gool goold goon goop goor goos gore gores gorse goss gotten
  govs gowd gown goxes goys grad gran grana grande grands grans grant grat greats gree greed greet grind groat groper
  grough ground grue grund gues gully gust hade hail haily hair hake hale halve hame handfuls handsful hants haps
  hardily hardy hare hart hate haven haver haves hays haze head heads heal heals healths heap heapy heare hears heast
  heather heathy heats heave hebe height hele helps heme hemps hend heps herb herd here heres herl herm hern hero
  hers herse hery herye hesps hete hight highting hights hike hint hire hive hmm hocking hoes hole home homes hone
  hong hons hood hoon hoor horning hornings horrendously horribles horribly horse host hostly hotch hots houf hough
  hound hour houri hours hout hove hulk hully ideal iff impermanently incompletely inconstantly incredible
  indefinitely infinitely infrequency infrequent ingle inly inn instantly intermittency intermittent intermittingly
  ions irregularly jail jays jeans jell jest jingle jive joes joint jong jots jour joust justs juts kail kants kart
  kays keek keeks keen keight kell kero kettle khan khat kiddle kight kights kine kingle kith kittle klong knight
  knights kons kore kotch lads lair lake laking lang lants last lather lats lave lawful lays leach lead leads leal
  leally leans leant leaps leapt leas lease leash leasts leat leather leats leek leeks leke lend leng lere lest lets
  letter lever lice life light lightest lighting lights liked liken liker likes lime limes line ling lingle lint liny
  lipe lire lite lith lits littler littles littlie live load loafs loams loans loast lobs lock lods lofts logs loids
  loke loll lome loment lomes lone longa longe longs loon loor loos loot loots lops lords lore loss lossy lost lota
  lotas lote lotes loth loti loto lotos lotus lough lound lour loury lous louse louts lown lows lowts loys luke lung
  mabe mach mail mair making mana mand mane mang mangy mani manky manly mano mans manty mare mart mary mast matte
  maty maybes mays mazing mazy mead meads meal meals meane meanes meany meats meddle meddling mee meek meins meint
  mell mend ment mere mettle mich middie middle middled middler middles middlings might mights mike milt mime mimes
  mina mind mine ming mingle mini mink mino mints minty minuet minuted minuter minutes minx miny mire mist mitt mixt
  moan moaning moanings moans moat mobe moch mode moderated moderates moderato moer moes moire moist moistly moit
  moke mole molt mome momenta momento moments momes mong mono mons mony mood mooi mook mool moong mooning moons moony
  moop moor moos moot mope mora morae morel mores morling morlings morn morne morning moron mors morse mort mose mosh
  mosk moss moste mosts mote mots mott mouch moue mound mount mourning mournings moust mousy move mown moze mucho
  muck muddle muddling mulch munch munt muon mure mush must mutch nach nail nane natch nave nays neal neaps nearby
  neat neatly nene neper nerver nest nether nett netter nettle neural neutrals neve nevel never neves newer newt
  nexts nice nicht nichts nide nife nigh nighs night nighty nill nine nines nite nither nithing nixe node noes noint
  nole nome nomes nona nonce none nones nonet nong noni nonstops noo noon nope northing nose noshing notching notchy
  note nothings noting nott nown nuder oaten obsoletely occasional occasionality occasions off ofter oily oint oncer
  onces oncet onely onie onlay oof ooh oon oons oont oor oots ouch oulk ounce oust oven ovening over overage owly
  pact pacts pail paint paints pair palling pands panes pangs pans pant panto pantos para pard pare park parp parr
  pars parti parts party past pasts pats pave pays peach peal peans pearly peart peek peeks peen pell pend pents
  perceptually pere perfecta perfecti perfecto perfects perfet periodical periodicals permanency permanent permanents
  perpetuable perpetual perpetuality perpetuals personable pert pertinently petter pettle petty phantastic phat
  piddle piddling pight pighting pights pike pine pingle pint pints piny pith plants plong plots plue poind pointe
  points pointy pome pomes ponce pone pong pons pont ponts pooh pook pool poori poort poos poot pore port post potch
  pots pound pour poutingly pown poynt practicably prat prefect print prober proker proler prom proner propel propers
  proser prosper prover prower pulk punts quate quiet quine quinte quire quit quited quites quits quote quyte rach
  rail raking rally rand rants rappelling rarefy rarely rasher rater rathe ratten ratter rave rays reach read real
  realty reans reaps rearly reasonable reast recent reek reeks reen regally regulable regular regularity regulars
  rend resolutely retally revery richt riddle riddling right righting righto rights righty rime rimes rine rive roads
  roes rone rong ront rood roon roper rore rost rotch rother rots rottan rotte rotted rottens rotter rottes rotund
  rouge roughs rought roughy rounds rousingly routh routine routineer routines rownd rubbishy rund rust sail sair
  same sants save says scop scot scourse scrap seal seans seasonable seasonably secularly seek seeks seen selfdom
  sell seme send sequently sere setter settle seven sevens sever severy sewen sext seyen shacking shan shat shave
  shere shingle shirty shop shot shucking sight sighting sights sike sine singe singled singles singlet singly sire
  sith slop slot slots slue smocking smore snot socking soften soke sole soma sometime sometimes somewhats soms somy
  sonce sone song sonly sons soon soop soot sore sorning sornings sots sough sound souper sour sourse sown spalling
  spart spat spet spit spod spoor spoot sporadical sport spots spout spuer stap stend step steven stime stimes stoa
  stob stocious stocking stoep stomp stoop stope stops stopt stot stoup stow stowp strongyl strop suber such suer
  suite sulk sully sunder supe supers supes supper surer swell sweven swingle swith swop swot tach tail taking tame
  tames tans tart tays teach tead teal teat teed teek teen teend teenty tegularly teind teld tell teme temes tends
  tendu tene tens tent tenty terribles terribly tetter text thae than thana thane thang thank thans thar that thaw
  thebe thee thegn thein them theme then thens there theres therm therme these thete thew they thin thirsty thole
  thon thrae three threep threes threne threw throe tian tice tices tiddle tiddling tide tides tidy ties tige tiges
  tight tights tike tikes tile tiles time timed timer timers times timps tina tind tine tines ting tingle tink tinny
  tins tint tinty tire tires tite tittle tivy toads tocs tods toes togs tome tomes toms tonally tone tones tong tongs
  tonk tonks tonus tony too toon toons tops tore tors torse toss tost tots tough touns tour tousy town towns tows
  toys trap trat treasonable treasonably treat tree trend trice trie trons trough truce trued truer trues trug trye
  tuan tubbish tund tuns tuny twelves twicer twine twiny twire twite tynd udder umm unbrilliant unce unde undear
  undee undern undoer unfrequently unreasonable unsell unweal unwill upwell vail vair vants vary veal veer veery vell
  vend vera verb verd veridically verry vers vert very vetter vext vine vint viny vire vittle vive voes wading waging
  wail wair wakings waling walking wall waning wants wany waring warking wart wauking wave waving waxing waying ways
  weak weal wealthy weans weathers weed weeds weeke weekend weekes weeks weel weels weem weems ween weens weep weeps
  weer wees weet weets weight weil weld welk welks wells welly wels welt wend were wero wether wetter whale what when
  where while whiled whiles whilk whine white whole wholes whose wice wich widdle widdling width wight wighting
  wights wile will wine winy wire wish witch wite withe withouts withs withy wits wive woads woes wonderfully
  wonderous wons wont wood woon woose wore worsed worsen worser worses worset worst wost wots wound wrap wreather
  wright wull yarely yays yead yeans yearly yeast yell yett yeven yike ylike yont yore your yuch zany zeal zerk zeros
  zine zone zonetimes zoon
  broo didy moo oaky ofay okas okays paal pall tedy tiddy tids tody tokay
  ahis bare care chis crare entirety fare gare ghis khis lare moneth monte months monty moth mouth nare occasioned occasioner phis race rade
  rage rake rale rared raree rarer rares rark rase raze tais tare thig thigs thins thio thir thus tuis urare vare ware yare
  `
    .trim()
    .split(/\s+/),
);

/**
 * Real English words one slip from a word a reply uses around its answer (CONTEXT_WORDS in
 * repairWord.ts: "lonely", "really", "groups"): never mended into one ("lovely" stays lovely).
 * Made from the word-list package; answerMeaning.test.ts checks every built-in item against it.
 */
export const REAL_WORDS_NEAR_CONTEXT_WORDS: ReadonlySet<string> = new Set(
  `
  alonely areally beckon chappy companionships crestless croups depresses efforts fealing feebling feeding feeing
  feelings feering feesing feezing felling fidget fidgets fueling gappy genera generale generals groufs group groupy
  grouts haply harpy healths healthy hearth heath heeling hippy holeless homeless honesty hoppy insolated isolate
  isolates jeeling keeling lanely leally longly lovely nappy onely pappy peeling popeless probable provably rally
  realty rearly reckan reckons recon reeling regally repressed restress retally roups rustless sappy satisficed
  satisfier satisfies seeling solated supposed supposer supposes vestless wealth yappy zappy zestless
  `
    .trim()
    .split(/\s+/),
);

/**
 * Real English words that sound like an answer word spelt by ear (SOUND_ALIKE in repairWord.ts:
 * "allows" like "always", "nova" like "never"): never read as it. Made from the word-list package;
 * answerSpellingByEar.test.ts checks every built-in item against it.
 */
export const REAL_WORDS_SOUNDING_LIKE_ANSWERS: ReadonlySet<string> = new Set(
  `
  alews alleyways allows brilliante cervine cymatium defiantly equational equationally fantastico hardily headily
  lanely leanly leetle lineally linearly lionly loonily luteal masterly mistily moistly mustily naiver navar nerver
  nervier nervure nova obsoletely oilways phantastic rurally savin savine solidum souvenir summertime summertimes
  yellows
  `
    .trim()
    .split(/\s+/),
);
