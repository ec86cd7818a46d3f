from mkelf import *
import struct
IL=0x40; G=0x200
sym=b'\0'*24+struct.pack('<IBBHQQ',1,3,0,1,0,0)
grp=lambda *ix: struct.pack('<'+'I'*len(ix),*ix)
# indices: 1 symtab, 2 strtab, then rest
def t(name, extra):
    write(name,[Sec('.symtab',2,0,data=sym,link=2,info=2,entsize=24,align=8),Sec('.strtab',3,0,data=b'\0sig\0')]+extra)
GS=lambda flag,*m, **kw: Sec('.group',17,0,data=grp(flag,*m),entsize=4,align=4,link=1,info=1,**kw)
t('g_ok.o',[GS(1,4),Sec('.text.f',1,A|X|G,data=b'\x90')])
t('g_nocomdat.o',[GS(0,4),Sec('.text.f',1,A|X|G,data=b'\x90')])
t('g_after.o',[Sec('.text.f',1,A|X|G,data=b'\x90'),Sec('.text',1,A|X,data=b'\x90'),GS(1,3)])
t('g_noflag.o',[GS(1,4),Sec('.text.f',1,A|X,data=b'\x90')])
t('g_noflag2.o',[GS(1,4,5),Sec('.text.f',1,A|X,data=b'\x90'),Sec('.data.f',1,A|W|G,data=b'\x90')])
t('g_empty.o',[Sec('.group',17,0,data=grp(1),entsize=4,align=4,link=1,info=1),Sec('.text',1,A|X,data=b'\x90')])
t('g_linkonce.o',[GS(1,4),Sec('.gnu.linkonce.t.f',1,A|X|G,data=b'\x90'),Sec('.gnu.linkonce.t.g',1,A|X,data=b'\x90')])
t('g_relmember.o',[GS(1,4,5),Sec('.text.f',1,A|X|G,data=b'\x90'),Sec('.rela.text.f',4,G|IL,data=b'',entsize=24,link=1,info=4)])
t('g_unkmember.o',[GS(1,4,5),Sec('.text.f',1,A|X|G,data=b'\x90'),Sec('.shl',10,G,data=b'')])
t('g_excl.o',[GS(1,4,flags=0x80000000) if False else Sec('.group',17,0x80000000,data=grp(1,4),entsize=4,align=4,link=1,info=1),Sec('.text.f',1,A|X|G,data=b'\x90')])
t('g_two.o',[GS(1,4),Sec('.text.f',1,A|X|G,data=b'\x90'),Sec('.group',17,0,data=grp(1,6),entsize=4,align=4,link=1,info=1),Sec('.text.g',1,A|X|G,data=b'\x90')])
t('g_badidx.o',[GS(1,4,99),Sec('.text.f',1,A|X|G,data=b'\x90')])
