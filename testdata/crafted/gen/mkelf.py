# Minimal ELF crafting helper.
import struct, sys
SHT = dict(NULL=0,PROGBITS=1,SYMTAB=2,STRTAB=3,RELA=4,HASH=5,DYNAMIC=6,NOTE=7,NOBITS=8,REL=9,SHLIB=10,DYNSYM=11,INIT_ARRAY=14,FINI_ARRAY=15,PREINIT_ARRAY=16,GROUP=17,SYMTAB_SHNDX=18,RELR=19)
W,A,X=1,2,4
class Sec:
    def __init__(s,name,type=1,flags=0,addr=0,data=b'',size=None,link=0,info=0,align=1,entsize=0,offset=None,name_off=None):
        s.name=name;s.type=type;s.flags=flags;s.addr=addr;s.data=data;s.size=size;s.link=link;s.info=info;s.align=align;s.entsize=entsize;s.offset=offset;s.name_off=name_off
def build(secs, phdrs=(), cls=64, data='<', machine=62, etype=1, osabi=0, shstrndx=None, shoff=None, shnum=None, shentsize=None, phoff=None, eident_extra=None, truncate=None, entry=0, version=1):
    is64 = cls==64
    ehsize = 64 if is64 else 52
    phentsize = 56 if is64 else 32
    shentsz = 64 if is64 else 40
    # shstrtab
    names=b'\0'; offs={}
    allsecs=[Sec('',0)]+list(secs)
    if shstrndx is None:
        allsecs.append(Sec('.shstrtab',3))
        shstrndx_v=len(allsecs)-1
    else:
        shstrndx_v=shstrndx
    for s in allsecs:
        if s.name_off is None:
            if s.name=='' : s.nmoff=0
            else:
                s.nmoff=len(names); names+=s.name.encode('latin1') if isinstance(s.name,str) else s.name; names+=b'\0'
        else: s.nmoff=s.name_off
    for s in allsecs:
        if s.type==3 and s.name=='.shstrtab' and not s.data: s.data=names
    body=bytearray(b'\0'*ehsize)
    if phoff is None: phoff_v = ehsize if phdrs else 0
    else: phoff_v=phoff
    if phdrs: body += b'\0'*(phentsize*len(phdrs))
    for s in allsecs[1:]:
        if s.offset is None:
            al=max(s.align,1)
            if al & (al-1)==0 and al<4096:
                while len(body)%al: body.append(0)
            s.off=len(body)
        else:
            s.off=s.offset
        if s.type!=8 and s.offset is None:
            body+=s.data
        if s.size is None: s.size=len(s.data)
    while len(body)%8: body.append(0)
    shoff_v=len(body) if shoff is None else shoff
    sh=bytearray()
    for s in allsecs:
        if s.type==0 and s.name=='' and s is allsecs[0]:
            sh+=b'\0'*shentsz; continue
        if is64: sh+=struct.pack(data+'IIQQQQIIQQ',s.nmoff,s.type,s.flags,s.addr,s.off,s.size,s.link,s.info,s.align,s.entsize)
        else: sh+=struct.pack(data+'IIIIIIIIII',s.nmoff,s.type,s.flags,s.addr,s.off,s.size,s.link,s.info,s.align,s.entsize)
    if shoff is None: body+=sh
    else:
        if len(body)<shoff_v: body+=b'\0'*(shoff_v-len(body))
        body[shoff_v:shoff_v+len(sh)]=sh
    # phdrs: dicts type,flags,offset,vaddr,paddr,filesz,memsz,align
    ph=bytearray()
    for p in phdrs:
        g=lambda k,d=0:p.get(k,d)
        if is64: ph+=struct.pack(data+'IIQQQQQQ',g('type',1),g('flags',4),g('offset'),g('vaddr'),g('paddr'),g('filesz'),g('memsz'),g('align',1))
        else: ph+=struct.pack(data+'IIIIIIII',g('type',1),g('offset'),g('vaddr'),g('paddr'),g('filesz'),g('memsz'),g('flags',4),g('align',1))
    if phdrs: body[phoff_v:phoff_v+len(ph)]=ph
    ident=b'\x7fELF'+bytes([1 if cls==32 else 2, 1 if data=='<' else 2, version, osabi])+b'\0'*8
    if eident_extra: ident=eident_extra(ident)
    if is64:
        eh=ident+struct.pack(data+'HHIQQQIHHHHHH',etype,machine,1,entry,phoff_v,shoff_v,0,ehsize,phentsize,len(phdrs),shentsz if shentsize is None else shentsize,len(allsecs) if shnum is None else shnum,shstrndx_v)
    else:
        eh=ident+struct.pack(data+'HHIIIIIHHHHHH',etype,machine,1,entry,phoff_v,shoff_v,0,ehsize,phentsize,len(phdrs),shentsz if shentsize is None else shentsize,len(allsecs) if shnum is None else shnum,shstrndx_v)
    body[0:ehsize]=eh
    if truncate is not None: body=body[:truncate]
    return bytes(body), {s.name:s for s in allsecs}
def write(path, *a, **k):
    b,info=build(*a,**k); open(path,'wb').write(b); return info
