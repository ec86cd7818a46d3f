from mkelf import *
S=[Sec('.text',1,A|X,data=b'\x90'*4),Sec('.data',1,A|W,data=b'x'*8)]
write('badshstrndx.o',S,shstrndx=9)
write('shstrndx_notstrtab.o',S,shstrndx=1)
b,_=build(S); n=len(b)
open('trunc_sht.o','wb').write(b[:n-10])
write('pastEOF32.o',[Sec('.text',1,A|X,data=b'\x90'*4),Sec('.data',1,A|W,offset=0x10000,size=8)],cls=32,machine=3)
write('pastEOF64.o',[Sec('.text',1,A|X,data=b'\x90'*4),Sec('.data',1,A|W,offset=0x10000,size=8)])
write('badname.o',[Sec('.text',1,A|X,data=b'\x90'*4),Sec('.data',1,A|W,data=b'x',name_off=5000)])
write('shstr_pasteof.o',[Sec('.text',1,A|X,data=b'\x90'*4),Sec('.shstrtab',3,offset=0x10000,size=20)],shstrndx=2)
write('noshdr_rel.o',[],shnum=0,shoff=0,shstrndx=0)
