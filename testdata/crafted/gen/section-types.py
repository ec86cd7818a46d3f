from mkelf import *
import struct
sym=b'\0'*24+struct.pack('<IBBHQQ',1,3,0,1,0,0)
def base(): return [Sec('.text',1,A|X,data=b'\x90'*16),  #1
  Sec('.symtab',2,0,data=sym,link=3,info=2,entsize=24,align=8), #2
  Sec('.strtab',3,0,data=b'\0x\0'), #3
  ]
def t(name, extra, **kw):
    write(name, base()+extra, **kw)
t('ty_rela_folded.o',[Sec('.rela.text',4,0x40,data=b'\0'*24,link=2,info=1,entsize=24,align=8)])
t('ty_rela_link0.o',[Sec('.rela.text',4,0x40,data=b'\0'*24,link=0,info=1,entsize=24,align=8)])
t('ty_rela_info0.o',[Sec('.rela.text',4,0x40,data=b'\0'*24,link=2,info=0,entsize=24,align=8)])
t('ty_rela_alloc_rel.o',[Sec('.rela.text',4,A,data=b'\0'*24,link=2,info=1,entsize=24,align=8)])
t('ty_rela_alloc_dyn.o',[Sec('.rela.text',4,A,data=b'\0'*24,link=2,info=1,entsize=24,align=8)],etype=3)
t('ty_rela_nonalloc_exec.o',[Sec('.rela.text',4,0,data=b'\0'*24,link=2,info=1,entsize=24,align=8)],etype=2)
t('ty_rela_badent.o',[Sec('.rela.text',4,0,data=b'\0'*24,link=2,info=1,entsize=16,align=8)])
t('ty_rela_torela.o',[Sec('.rela.text',4,0,data=b'\0'*24,link=2,info=1,entsize=24,align=8),Sec('.rela.rela',4,0,data=b'\0'*24,link=2,info=4,entsize=24,align=8)])
t('ty_rela_two.o',[Sec('.rela.text',4,0,data=b'\0'*24,link=2,info=1,entsize=24,align=8),Sec('.rela.text2',4,0,data=b'\0'*24,link=2,info=1,entsize=24,align=8)])
t('ty_rel_and_rela.o',[Sec('.rela.text',4,0,data=b'\0'*24,link=2,info=1,entsize=24,align=8),Sec('.rel.text',9,0,data=b'\0'*16,link=2,info=1,entsize=16,align=8)])
t('ty_rela_linkstrtab.o',[Sec('.rela.text',4,0,data=b'\0'*24,link=3,info=1,entsize=24,align=8)])
t('ty_rela_infoNULLsec.o',[Sec('.rela.x',4,0,data=b'\0'*24,link=2,info=3,entsize=24,align=8)])
t('ty_relr.o',[Sec('.relr.dyn',19,A,data=b'\0'*8,entsize=8,align=8)])
t('ty_relr_bad.o',[Sec('.relr.dyn',19,A,data=b'\0'*8,entsize=4,align=8)])
t('ty_misc.o',[Sec('.shlib',10,0,data=b'ab'),Sec('.shndx',18,0,data=b'\0'*8,link=2,entsize=4),Sec('.mystr',3,0,data=b'\0a\0'),Sec('.note.x',7,A,data=b'\0'*12,align=4),Sec('.init_array',14,A|W,data=b'\0'*8,align=8),Sec('.fini_array',15,A|W,data=b'\0'*8),Sec('.preinit_array',16,A|W,data=b'\0'*8),Sec('.hash',5,A,data=b'\0'*8),Sec('.gnu.hash',0x6ffffff6,A,data=b'\0'*8),Sec('.gnu.liblist',0x6ffffff7,A,data=b''),Sec('.gnu.attributes',0x6ffffff5,0,data=b'A'),Sec('.llvm_addrsig',0x6fff4c03,0x80000000,data=b''),Sec('.llvm.x',0x6fff4c00,0,data=b'')])
t('ty_os_nonconf.o',[Sec('.osnc',0x60000001,0x100,data=b'ab')])
t('ty_os.o',[Sec('.os',0x60000001,0,data=b'ab')])
t('ty_user.o',[Sec('.usr',0x80000001,0,data=b'ab')])
t('ty_user_alloc.o',[Sec('.usr',0x80000001,A,data=b'ab')])
t('ty_proc.o',[Sec('.proc',0x70000005,0,data=b'ab')])
t('ty_unwind.o',[Sec('.unw',0x70000001,A,data=b'ab')])
t('ty_unknown.o',[Sec('.unk',0x20,0,data=b'ab')])
t('ty_proc32.o',[Sec('.proc',0x70000005,0,data=b'ab')],cls=32,machine=3)
t('ty_multisym.o',[Sec('.symtab2',2,0,data=sym,link=3,info=2,entsize=24,align=8)])
t('ty_versym_bad.o',[Sec('.gnu.version',0x6fffffff,A,data=b'\0'*4,entsize=4)])
t('ty_versym.o',[Sec('.gnu.version',0x6fffffff,A,data=b'\0'*4,entsize=2),Sec('.gnu.version_d',0x6ffffffd,A,data=b'',info=0),Sec('.gnu.version_r',0x6ffffffe,A,data=b'',info=0)])
