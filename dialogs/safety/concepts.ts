// The screen's second layer: concepts (a self reference, an act or state, a means, a place, a time, a
// farewell, ...) that together carry a risk whatever the wording. Each is a list of phrases in the
// pattern syntax of phrasePattern.ts, read as a message's words are (spellings applied, slips mended).
// Rules (conceptRules.ts) combine them within a clause or a short message.

/** The person speaking. */
const SELF = ['i', 'me', 'my', 'myself', 'mine', 'mysen', 'masel'];

const MEDS =
  '(pills|pill|tablets|tablet|meds|medication|medicine|medicines|paracetamol|painkillers|sleeping pills|sleeping tablets|antidepressants|tramadol|co codamol|codeine|insulin|morphine|diazepam|oramorph|sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|zopiclone|pregabalin|gabapentin|lithium|quetiapine|olanzapine|aspirin|ibuprofen|prescription|prescriptions|dosette|blister packs|packets|boxes|bottle)';

export const CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  self: SELF,
  /** Wanting, wishing, being ready. */
  wish: ['(want|wanted|wanting|wants|wish|wishing|wished|wishes|longing|pray|praying|prayed|ready|hope|hoping|would not mind|would rather|rather|tempted)'],
  /** Death or not being alive, without the act. */
  death: [
    '(die|dead|death|be gone|was gone|were gone|six feet under|in the ground|in my grave|in a box|pushing up daisies)',
    '(not|never|no) (wake|waking|woke) up',
    '(go|going|went) to sleep (forever|for good|and not|and never)',
    '(sleep|sleeping) (forever|for good|for ever)',
    '(not|no longer) (be|being) (here|alive|around|about|in this world|on this earth)',
    '(be|being) (with|beside|next to) (him|her|them|god|jesus|the lord|my (husband|wife|son|daughter|mum|mam|dad|partner|late husband|late wife)) (again|now|soon|in heaven|up there)?',
    '(join|joining) (him|her|them|my (husband|wife|son|daughter|mum|mam|dad|partner))',
    '(take|taking) me (home|now|away|too|with him|with her)',
    '(called|call) home',
    '(heaven|the other side|the afterlife|eternal rest)',
    '(disappear|disappeared|vanish|vanished|cease to exist|stop existing|not exist|not existing)',
    '(end|ending|finish|done) (with )?(it all|everything|this life|my life)',
  ],
  /** Not minding about living. */
  indifference: [
    '(lord|god|jesus) (please )?(take|call) me',
    '(ready|time|my time) (for me )?to (go|go home|leave this world|meet my maker|be with)',
    '(let|just let) me (go|slip away|fade away|be gone)',
    '(nothing|no one|nobody|not much) (left )?to (live|stay|stick around|keep going) for',
    '(why|what) (am i|do i) (still )?(here|keep going|bother waking up) for',
    '(done|finished) with (all of )?(this|it all|everything|living|life)',
    '(not|no|never) (care|bothered|fussed|mind|matter|matters) (if|whether|what happens|about living|about life)',
    '(would not|will not|not) (mind|care) (if )?(i )?(did not|do not|never|not) (wake|waking)',
    '(could|would|if) (a bus|a car|a lorry|something) (hit|hits|took|takes) me',
    'what (is|would be) the point (of|in) (me )?(living|being alive|waking up|being here)',
    '(no|nothing|not any) (point|reason) (in|to|of)? (me )?(living|being here|waking up|being alive)',
    'why (am i|i am) still (here|alive) $',
  ],
  /** Acts that end a life or harm the body, named. */
  act: [
    '(kill|killing|killed|kil|hang|hanging|hanged|jump|jumping|jumped|drown|drowning|drowned|shoot|shooting|suffocate|suffocating|stab|stabbing|poison|poisoning|poisoned|overdose|overdosing|overdosed|unalive|self delete|end my life|end it all|top myself|do myself in)',
  ],
  /** Medicines and other means at hand. */
  means: [
    MEDS,
    '(rope|ropes|noose|ligature|belt|cord|cable|dressing gown cord|tie|scarf|blade|blades|razor|razors|razor blades|knife|knives|sharp|sharps|glass|lighter|bleach|antifreeze|weedkiller|weed killer|poison|rat poison|charcoal|exhaust|hosepipe|hose|gun|shotgun|plastic bag|helium|car fumes|fumes|gas|carbon monoxide)',
  ],
  /** Getting means ready. */
  prepare: [
    '(saved up|saving up|been saving|stockpiled|stockpiling|hoarded|hoarding|stashed|stash|hidden away|hid them|hiding them|counted out|lined up|lining up|put aside|put by|kept back|keeping back|got hold of|been getting|tied|tying|measured|tested|looked up|googled|researched|read up on|worked out)',
  ],
  /** Means that have no everyday use in a check-in message. */
  lethal: ['(rope|noose|ligature|razor blades|blades|charcoal|helium|hosepipe to the exhaust|car exhaust|rat poison|weedkiller|antifreeze|a gun|shotgun)'],
  /** Everyday reasons for having these things. */
  household: [
    '(washing|line|garden|gardening|shed|tent|diy|shaving|shave|crafts|craft|cooking|kitchen|allotment|weeds|car wash|boat|camping|fishing|cleaning|clean the|bathroom|toilet|loo|sink|drain)',
  ],
  /** Getting or having, loosely. */
  got: [
    '(bought|buying|got|getting|ordered|have|have got|picked up|found|ready|sorted|in my hand|in front of me|on the table|next to me|by the bed|in my pocket|in the car)',
  ],
  /** An amount that is more than a dose. */
  lots: [
    '# (of )?(my|the|them|pills|tablets|paracetamol|painkillers|meds|sleeping)',
    '(all|whole|every|everything|the lot|lot|load|loads|handful|handfuls|box|boxes|packet|packets|pack|packs|strip|strips|bottle|bottles|month s|weeks of|week s|too many|too much|double|triple|extra|enough|how many|how much|twenty|thirty|forty|fifty|sixty|hundred|a hundred)',
  ],
  /** Having swallowed or taken. */
  took: ['(took|taken|take|taking|swallowed|swallow|swallowing|necked|downed|drank|drunk|had|washed down|popped|chucked down|done|did)'],
  /** Poisons a person may drink. */
  poison: ['(bleach|antifreeze|weedkiller|weed killer|poison|rat poison|drain cleaner|white spirit|paraquat)'],
  /** Goodbyes and putting affairs in order. */
  farewell: [
    '(goodbye|goodbyes|farewell|farewells|last message|last text|final message|final text|my last (message|text|words))',
    '(sorry|apologise|apologies) for everything',
    '(look|looking) after (my|the) (kids|children|daughter|son|dog|cat|cats|dogs|grandchildren|boys|girls|wife|husband|mum)',
    '(tell|let) (my|the) (kids|children|daughter|son|family|wife|husband|mum|mam|dad|grandchildren) (i|that i) (love|loved|am sorry)',
    '(sorted|sorting|written|wrote|writing|made|making|left|leaving|updated|signed) (out )?(my|a)? (will|letters|letter|notes|note|funeral|affairs|papers|insurance|passwords|bank details)',
    '(given|giving|gave) (away )?(my )?(things|stuff|belongings|possessions|dog|cat|jewellery|rings)',
    '(paid|paying|planned|planning|arranged|arranging|sorted|sorting|chosen|picked) (for )?(my|the) (own )?(funeral|hymns|plot|cremation)',
    '(told|showing|shown|showed|written down|wrote down|left) (the kids|my kids|my daughter|my son|my family|them|her|him)? (where everything is|where the will is|my passwords|my pin|the passwords|instructions|what to do)',
    '(who will|who would|someone to|find someone to|can someone) (have|take|look after|feed|rehome) (my|the) (dog|cat|cats|dogs|budgie|birds|fish)',
    'when i am (gone|not here|not around)',
    '(for|after) (after )?i am gone',
    '(will not|wont|not going to|never) (need|be needing|be needing these|be needing the|hear from me|see me|be around|be here|be a problem|be a burden|bother you|trouble you) (again|anymore|any more|much longer|for long|after tonight|after today)?',
  ],
  /** Saying they will not be here long, in so many words. */
  goneSoon: [
    '(will not|wont|not going to|may not|might not) (be (around|here|about)|be a (burden|problem|bother) to anyone) (much longer|for long|after tonight|after today|by tomorrow|by the morning|this time next week)',
    '(you|yous|you all|they) (will not|wont|are not going to) (hear from|see) me (again|after tonight|after today|anymore)',
  ],
  /** Finality: that this is the end. */
  final: [
    '(forever|for ever|for good|after tonight|the end|when i am gone|after i am gone|once i am gone|one last time|final goodbye|last goodbye|not be here|will not be here)',
  ],
  /** Now, or soon. */
  now: [
    '(now|right now|tonight|today|this morning|this afternoon|this evening|at the moment|atm|rn|currently|soon|tomorrow|this weekend|later|in a minute|at this minute|here)',
  ],
  /** A place to fall or be struck from, or water. */
  place: [
    '(bridge|edge|cliff|cliffs|cliff edge|tracks|track|railway|railway line|train line|line|platform|level crossing|roof|rooftop|top of the car park|top floor|car park roof|multi storey|tower block|balcony|window ledge|ledge|river|canal|sea|harbour|pier|reservoir|quarry|motorway|dual carriageway|flyover|viaduct)',
  ],
  /** Standing at, looking down, being there in distress. */
  there: [
    '(at|on|by|near|next to|standing on|standing at|sat on|sitting on|stood on|on top of|top of|over|above|looking down|looking over|staring at|staring down|at the edge|on the edge|walked to|walking to|come to|came to|gone to|went to|drove to|driving to|driven to|heading to|parked at|parked by)',
  ],
  /** Distress that turns a place or a plan into danger. */
  distress: [
    '(can not|do not want to|not) (do this|do it|go on|carry on|cope|take it|face it|keep going)',
    '(scared|frightened|terrified|cold|shaking|crying|alone|numb|nothing left|no point|it is over|done|finished|had enough|enough|tired|ready|decided|want it to stop|make it stop|looking down|thinking|thoughts|jump|water|long way down|drop|trains|train|no one|nobody)',
  ],
  /** Harm to one's own body, in everyday words. */
  harmSelf: [
    '(cut|cuts|cutting|burn|burnt|burned|burning|scratch|scratched|scratching|scratches|hit|hitting|punch|punched|punching|bang|banged|banging|bash|bashed|bashing|pinch|pinched|pinching|pick|picked|picking|carve|carved|carving|bite|bit|biting|starve|starved|starving|slash|slashed|slashing|hurt|hurting|harm|harming|harmed)',
  ],
  /** Body parts, blood, marks. */
  body: [
    '(arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|belly|hip|hips|head|face|hand|hands|chest|body|myself|blood|bleed|bled|bleeding|scars|scar|marks|wounds|wound|cuts|burns|bruises|bruised|scabs)',
    'against the wall',
    'till (it|they) (bled|bleed|bleeds|hurt|hurts|burned|burnt|bruised)',
    'on purpose',
  ],
  /** Done on purpose, not by accident. */
  deliberate: [
    '(on purpose|deliberately|again|till|until|to feel|to punish|deserve|deserved|punish|make it stop|numb|release|relief|blade|razor|lighter|compass|scissors|urge|urges|relapse|relapsed|hide|hiding|sleeves|nobody knows|no one knows)',
  ],
  /** How an everyday injury happens. */
  accident: [
    '(accident|accidentally|by mistake|cooking|oven|iron|ironing|kettle|garden|gardening|shaving|cupboard|door|fell|tripped|slipped|chopping|peeling|dog|cat|bus|work|football|rugby|gym|walking|cycling|bike|pruning|roses|brambles|hedge|tin|glass broke|pan)',
  ],
  /** Something already past, or already better. */
  resolved: [
    '(better now|fine now|ok now|okay now|all fine|all good|all sorted|sorted now|gone now|eased|went away|doctor said|checked out|years ago|last year|months ago|last month|weeks ago|last week|used to|back in|when i was|was fine|got up fine|got myself up|managed to get up|got back up|no harm done|no damage)',
  ],
  /** A threat or danger at the door now. */
  atTheDoor: [
    '(trying to get in|breaking in|broke in|kicking the door|banging on the door|hammering on the door|at the door|outside my (door|house|flat|window)|outside the (door|house|flat|window)|in the house|in my house|in the flat|downstairs|got a knife|has a knife|with a knife|got a gun|has a gun|locked myself in|hiding in|hiding from him|hiding from her|hiding from them|coming to get me|on his way|on her way|on their way)',
  ],
  /** Someone else harming a child or vulnerable person. */
  harmingOthers: [
    '(hits|hitting|beats|beating|smacks|smacked|slaps|slapped|kicks|kicked|punches|punched|shakes|shook|shaking) (the|my|our|her|his|their)? (kids|children|child|baby|toddler|little one|little ones|grandson|granddaughter|grandkids|grandchildren|nan|gran|grandad)',
    '(locks|locked|starves|starving|neglects|neglecting|hurts|hurting|burns|burnt|touches|touched|screams at|throws things at) (the|my|our|her|his|their)? (kids|children|child|baby|toddler|little one|little ones|grandson|granddaughter|grandkids|grandchildren|nan|gran|grandad)',
    '(kids|children|child|baby|toddler|little ones|little one) (are|is|were|was|been|keep being|get)? (left )?(home alone|left alone|on their own|not fed|not being fed|hungry all the time|starving|filthy|covered in bruises|bruised|scared of him|scared of her|scared to go home)',
    '(taking|takes|took|stealing|steals|stole|spending|spends) (all )?(her|his|my (mum|mam|dad|nan|gran|grandad)s?|the old (lady|man)s?) (money|pension|bank card|benefits|savings)',
    '(friend|mate|cousin|sister|brother|son|daughter|neighbour|grandson|granddaughter|niece|nephew|he|she) (is|has been|keeps|was|been) (talking about|saying|texting about|threatening) (killing|ending|suicide|ending it|dying|not being here)',
  ],
  /** Self-harm named or abbreviated. */
  selfHarm: ['(self harm|self harming|self harmed|self injury|self injuring|sh|shing|shd|sh ing|sh d)'],
  /** Going back to it. */
  relapse: [
    '(relapse|relapsed|relapsing|slipped|slip up|slipped up|fell off the wagon|broke my streak|lost my streak|back to it|back to old ways|started again|doing it again|at it again|ruined my streak|days clean|weeks clean|months clean|years clean|clean for)',
  ],
  /** Urges. */
  urge: ['(urge|urges|urged|itch|itching|craving|cravings|pull|tempted|temptation|want to so bad|need to so bad|could not stop myself|can not stop myself)'],
  /** Not eating on purpose. */
  notEating: [
    '(not eating|not eaten|stopped eating|starving myself|starve myself|refusing food|will not eat|do not deserve (to eat|food)|skipping meals on purpose)',
  ],
  /** A plan or decision, with or without the act. */
  plan: [
    '(plan|planned|planning|plans|decided|decision|made up my mind|mind is made up|know what i am going to do|know what i need to do|worked it all out|worked out how|all sorted|it is sorted|got it sorted|got it all sorted|picked a date|picked the day|set a date|chosen the day|the day is)',
  ],
  /** Something that will end, an ending. */
  ending: [
    '(all be over|it will be over|it will all end|ending it|end it|end it all|finish it|finishing it|go through with it|going through with it|tonight is the night|my time is up|my time has come|time to go|checking out|check out early|bow out|no more pain|put an end to it|put an end to myself|stop it all|make it all stop|be free|be at peace|at rest|rest in peace)',
  ],
  /** An attempt stopped partway. */
  stopped: [
    '(stopped myself|pulled back|pulled me back|bottled it|chickened out|could not go through with it|did not go through with it|got as far as|nearly did it|almost did it|nearly went through|almost went through|was about to|tried to|attempted|attempt|found me|stomach pumped)',
  ],
  /** Not being safe with oneself. */
  unsafeSelf: [
    '(not|do not|can not|no longer) (feel )?safe (with myself|around myself|in my own head|with my thoughts|from myself)',
    '(not|do not|can not|no longer) trust myself (not to|around|with|tonight|anymore|right now|at the moment|$)',
    '(scared|afraid|frightened|worried|terrified) (of )?(what )?i (will|might|would|could|may) do',
    '(scared|afraid|frightened|worried|terrified) of myself',
    '(can not|could not|unable to) keep myself safe',
  ],
  /** Someone else, acting. */
  other: [
    '(he|she|they|him|her|them|husband|wife|partner|boyfriend|girlfriend|ex|son|daughter|grandson|granddaughter|carer|brother|sister|dad|mum|mam|father|mother|stepdad|neighbour|lodger|nephew|landlord|someone|somebody|man|men|lad|lads|guy|bloke|fella|gang)',
  ],
  /** Violence or threat happening. */
  violent: [
    '(hitting|beating|kicking|punching|strangling|choking|attacking|hurting|threatening|banging|smashing|breaking|kicking in|trying to get in|breaking in|broke in|outside|at the door|in the house|downstairs|upstairs|coming back|on his way|on her way|on their way|waiting outside|following me|chasing me|has a knife|got a knife|with a knife|has a gun|got a gun|with a hammer|locked myself|hiding)',
  ],
  /** Fear, a call for help. */
  afraid: ['(scared|afraid|frightened|terrified|petrified|help|help me|please help|call the police|ring the police|police|999|hiding|locked myself)'],
  /** A medical emergency now. */
  emergency: [
    '(crushing|heavy|tight|squeezing) (pain )?(in )?(my )?chest',
    '(can not|could not) (feel|move) (my )?(arm|leg|face|side|left side|right side)',
    '(heart|heart is) (racing|pounding|going like the clappers) (and|with)? (will not stop|won t stop|can not breathe|chest|dizzy)',
    '(really|so|very) (dizzy|faint) (and|can not) (can not stand|fell|collapsed|sick|chest)',
    '(not|is not|isn t) breathing (properly|right)?',
    '(will not|won t|can not) wake (him|her|them|up)',
    '(lips|face) (going|gone|turning|turned) (blue|grey|gray)',
    '(chest pain|chest pains|pain in my chest|pains in my chest|tight chest|chest is tight|can not breathe|can not breath|cannot breathe|struggling to breathe|struggling to breath|hard to breathe|can not get my breath|can not catch my breath|short of breath|collapsed|passed out|blacked out|fainted|unconscious|not breathing|not responding|stroke|face drooping|face has dropped|arm gone numb|arm is numb|slurring|heart attack|seizure|having a fit|fitting|blood everywhere|bleeding badly|bleeding a lot|will not stop bleeding|can not stop the bleeding|lips are blue|gone blue|turning blue|coughing up blood|vomiting blood|being sick blood)',
  ],
  /** Now, not long ago (for emergencies and falls). */
  ongoing: [
    '(now|right now|still|since|for hours|hours|all night|overnight|last night|this morning|all day|won t stop|will not stop|keeps|getting worse|at the moment|rn|atm|help|please|ambulance|what do i do|what should i do)',
  ],
  /** A fall and lying there. */
  fall: [
    '(fell|fallen|fall|falling|slipped|tripped|collapsed|on the floor|on the ground|on the bathroom floor|on the kitchen floor|at the bottom of the stairs)',
  ],
  /** Unable to get up, or a long time down. */
  longLie: [
    '(can not get up|could not get up|can not get back up|could not get back up|unable to get up|can not move|could not move|can not reach|could not reach|can not reach the phone|stuck|lying here|laying here|been here|been on the floor|been down here|on the floor since|on the floor all night|on the floor for|on the floor overnight|all night|overnight|for hours|since last night|since this morning|since yesterday)',
  ],
  /** Nothing to eat, no money, no heat. */
  without: [
    '(no|not any|nothing|not got any|have not got any|have not any|run out of|ran out of|out of|can not afford|could not afford|no money for|without|not had|have not had|not eaten|have not eaten|not eat|had nothing|nothing to)',
  ],
  basics: [
    '(cupboards|cupboard|fridge|freezer) (are|is)? (bare|empty)',
    '(meter|gas|electric|electricity|power|heating) (has )?(run out|ran out|gone off|been cut off|cut off|on emergency|is on emergency|empty)',
    '(can not|could not|unable to) (top up|put the heating on|afford to eat|afford food|afford the gas|afford the electric|feed the kids|feed myself)',
    '(food|eat|eaten|meal|meals|money|cash|pennies|penny|a penny|gas|electric|electricity|heating|heat|meter|credit|emergency credit|power|lights|warm|hot water|bread|milk|nappies|formula)',
  ],
  /** Today, or for days. */
  urgentTime: [
    '(today|tonight|now|right now|since|for days|days|two days|three days|all week|since friday|since monday|since the weekend|till|until|left|at all|freezing|starving|hungry|cold|nothing in|nothing left|empty|skint|penniless|broke)',
  ],
  /** Said outright: no food, money or heat now. */
  destitute: [
    '(have not|not|did not|could not|have not been able to) (eaten|eat|had a meal|had anything to eat|had food) (since|for|in) (yesterday|friday|monday|tuesday|wednesday|thursday|saturday|sunday|days|two days|three days|the weekend|ages|a while)',
    '(nothing|no food|not a thing|not a bite) (to eat|in the house|in the cupboards|in the fridge|left)',
    '(cupboards|cupboard|fridge) (are|is)? (bare|empty)',
    '(meter|gas|electric|electricity) (has )?(run out|ran out|been cut off|cut off|on emergency)',
    '(can not|could not) (put the heating on|top up|afford (to eat|food|the gas|the electric|heating))',
    '(sitting|sat|living) in the (dark|cold)',
    '(not a penny|no money at all|no money left|not a bean|zero money|no cash at all|skint till|broke till|nothing till)',
  ],
  /** Losing the home now. */
  evicted: [
    '(bailiffs|bailiff|landlord|council|police) (are|is)? (here|outside|at the door|coming today|coming tomorrow|changing the locks)',
    '(have to|got to|must) (be )?out (by|today|tonight|tomorrow|by tonight|by tomorrow)',
    '(evicted|eviction|evict|evicting|bailiffs|bailiff|kicked out|kicking me out|thrown out|throwing me out|chucked out|locked out|changed the locks|homeless|nowhere to (sleep|stay|go|live)|on the street|on the streets|sleeping rough|sleep rough|sleeping in (the|my) car|sofa surfing|no roof)',
  ],
  /** Sharp worsening. */
  worse: [
    '(much|lot|loads|so much|way|far|really|a lot|getting|got|gone|going) (worse|downhill)',
    '(not|have not|never) (been )?(out of|got out of|left) (bed|the house|my room) (for|in|since) (days|a week|weeks|two weeks)',
    '(not|have not|haven t) (slept|eaten|eat|drunk|had a drink|washed) (for|in|since) (days|a week|two days|three days|ages)',
    '(hearing|hear|heard) (voices|things)',
    '(voices|voice) (in my head|telling me|tell me|are back|came back)',
    '(do not|did not|not) know where i (am|was)',
    '(confused|confusion|muddled|seeing things|paranoid|being watched|people watching me|someone is watching)',
    '(back on|started again on|hit|hitting|drinking|using) (the )?(drink|booze|gear|heroin|crack|coke|spice|vodka|whisky|bottle) (again|every day|all day|from morning|from the morning)?',
    '(drinking|drunk) (all day|every day|from the morning|from morning|since morning|a bottle)',
    '(stopped|stopped taking|not taking|not been taking) my (meds|medication|tablets|antipsychotics|lithium) (on purpose|for days|for a week|for weeks|because)',
  ],
  /** Someone in the client's care or life being harmed. */
  vulnerable: [
    '(kids|children|child|baby|babies|toddler|grandson|granddaughter|grandkids|grandchildren|little one|little ones|the boy|the girl|my mum|my mam|my dad|my nan|my gran|my grandad|old lady|old man|neighbour|her|him|them)',
  ],
  abused: [
    '(hits|hit|hitting|beats|beat|beating|smacks|smacked|slaps|slapped|kicks|kicked|punches|punched|shakes|shook|shouts at|screams at|locks|locked|starves|starving|neglects|neglected|left alone|left on their own|left on his own|left on her own|not fed|not feeding|no food|takes (his|her) money|taking (his|her) money|stealing from|touches|touched|bruises|bruised|burns|scared of)',
  ],
  /** Loneliness said strongly. */
  lonely: [
    '(lonely|loneliness|alone|isolated|nobody to talk to|no one to talk to|not spoken to anyone|not seen anyone|not seen a soul|not spoken to a soul|talk to the walls|talk to the telly|talk to the tv|silence)',
  ],
  intense: [
    '(so|very|too|unbearably|desperately|terribly|awfully|horribly|painfully|crushingly|unbearable|desperate|killing me|eating me|can not bear|can not stand|can not take|too much|days|weeks|a week|a fortnight|all the time|every day|constantly|all day)',
  ],
};
